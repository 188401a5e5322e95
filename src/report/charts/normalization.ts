import type { ContourResult, NormalizationResult } from '../../experiments/normalization.js';
import { CONFIG, ISOLINE_COLOR, PATH_COLOR, TEXT_COLOR } from '../theme.js';
import type { TopLevelSpec } from 'vega-lite';
import { type Chart, evenly, lines, logAxis, rate, series, VEGA_LITE_SCHEMA } from './common.js';
import { contourFigure } from './contourFigure.js';

const SETTINGS = ['raw', 'standardized'] as const;
const kappa = (c: ContourResult) => c.conditionNumber.toPrecision(3);

/** How the contours look, read from κ (round is 1; the raw breast_cancer pair is about 270). */
function shapeOf(c: ContourResult): string {
  if (c.conditionNumber < 2) return 'nearly round contours';
  if (c.conditionNumber < 10) return 'mildly elongated contours';
  return 'long thin elliptic contours';
}

/**
 * Isoline levels from the cost at the path's start down towards the minimum, each half as far above
 * the minimum as the one before: rings √2 apart in radius where the bowl is quadratic.
 */
function isolineLevels(c: ContourResult): number[] {
  const gap = (c.pathCosts[0] ?? c.minimum.cost) - c.minimum.cost;
  return Array.from({ length: 11 }, (_, k) => c.minimum.cost + gap * 2 ** -k).reverse();
}

function contourChart(n: NormalizationResult, c: ContourResult): Chart {
  const [a, b] = c.features;
  const path = c.path;
  const steps = c.pathSteps;
  const descent =
    c.conditionNumber >= 10
      ? 'zig-zags across the valley and crawls along it'
      : 'heads almost straight for the minimum';
  return {
    id: `normalization-contour-${c.setting}`,
    title: `Cost over two weights: ${c.setting} features (κ = ${kappa(c)})`,
    spec: contourFigure({
      grid: { xs: c.w1, ys: c.w2, values: c.cost },
      width: 300,
      height: 300,
      xTitle: `weight of ${a}`,
      yTitle: `weight of ${b}`,
      isolines: { thresholds: isolineLevels(c), stroke: ISOLINE_COLOR },
      layers: [
        {
          label: `gradient descent, lr ${rate(c.learningRate)}, ${steps} steps`,
          color: PATH_COLOR,
          shape: 'circle',
          size: 0,
          points: path,
          joined: true,
        },
        { label: 'start (0, 0)', color: '#ffffff', shape: 'square', size: 50, points: path.slice(0, 1) },
        { label: 'minimum', color: TEXT_COLOR, shape: 'cross', size: 70, points: [[c.minimum.w1, c.minimum.w2]] },
      ],
      legendTitle: 'on the cost surface',
    }),
    caption:
      `See ${shapeOf(c)} (condition number κ = λmax / λmin = ${kappa(c)}, ` +
      'from the exact Hessian over the two weights at the minimum) ' +
      `and how gradient descent at its best stable rate (lr ${rate(c.learningRate)}; ` +
      `stable: the cost never rises above ${n.stableRiseFactor}× its lowest so far) ${descent}: ` +
      `logistic-regression cost on ${a} and ${b} (${c.setting}) over their two weights, ` +
      'equal axes centred on the minimum, ' +
      `the bias held at its value at the minimum (${c.minimum.bias.toPrecision(3)}).`,
  };
}

function historyChart(n: NormalizationResult): Chart {
  const label = (k: (typeof SETTINGS)[number]) => `${k} (lr ${rate(n[k].best?.learningRate)})`;
  const settings = SETTINGS.filter((k) => n[k].best);
  const rawOutcome = n.raw.best
    ? `ends at ${n.raw.best.finalCost.toFixed(3)} (lr ${n.raw.best.learningRate})`
    : 'has no stable rate';
  const rawNeverReaches = n.raw.best?.stepsToTarget === null ? `, never below ${n.target}` : '';
  const standardizedOutcome = n.standardized.best
    ? `at ${n.standardized.best.finalCost.toFixed(3)} (lr ${n.standardized.best.learningRate})`
    : 'has no stable rate';
  const speedup = n.speedup
    ? `, ${n.speedup.lowerBound ? 'at least ' : ''}${n.speedup.factor.toFixed(0)}× fewer steps to cost ${n.target}`
    : '';
  return {
    id: 'normalization-history',
    title: 'Normalization: cost of the best stable run',
    spec: lines(
      settings.flatMap((k) =>
        evenly(
          n[k].bestHistory.filter(([s]) => s > 0),
          150,
        ).map(([step, cost]) => ({ step, cost, features: label(k) })),
      ),
      { field: 'step', type: 'quantitative', title: 'gradient-descent step (log)', scale: { type: 'log' } },
      { field: 'cost', type: 'quantitative', title: 'cost (log)', scale: { type: 'log' } },
      'features',
      'features',
      settings.map(label),
      { mark: { type: 'line', strokeWidth: 2, point: false } },
    ),
    caption:
      `See standardized features reach a low cost in a few steps while raw ones are still high after ${n.steps}: ` +
      `on ${n.dataset} with plain full-batch gradient descent, raw ${rawOutcome}${rawNeverReaches}, ` +
      `standardized ${standardizedOutcome}${speedup}.`,
  };
}

/** Final cost against learning rate, one line per setting; unstable runs drawn hollow. */
function sweepSpec(n: NormalizationResult): TopLevelSpec {
  const x = logAxis('lr', 'learning rate (log)');
  const y = logAxis('cost', 'final cost (log, capped at 1000)');
  const { color, shape, strokeDash } = series('features', 'features', [...SETTINGS]);
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CONFIG,
    width: 460,
    height: 260,
    data: {
      values: SETTINGS.flatMap((k) =>
        n[k].runs.map((run) => ({
          lr: run.learningRate,
          cost: Math.min(run.finalCost, 1e3),
          features: k,
          run: run.stable ? 'stable' : 'unstable',
        })),
      ),
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, strokeDash } },
      {
        // A low final cost reached by oscillating does not make a rate usable: unstable runs are hollow.
        mark: { type: 'point', size: 40, strokeWidth: 1.5 },
        encoding: {
          x,
          y,
          shape,
          stroke: color,
          fill: {
            field: 'run',
            type: 'nominal',
            title: 'run',
            scale: { domain: ['stable', 'unstable'], range: ['#555555', '#ffffff'] },
            legend: { symbolStrokeColor: '#555555', symbolStrokeWidth: 1.5 },
          },
        },
      },
    ],
  } as TopLevelSpec;
}

function sweepChart(n: NormalizationResult): Chart {
  const largestStable = (k: (typeof SETTINGS)[number]) => {
    const stable = n[k].runs.filter((x) => x.stable).map((x) => x.learningRate);
    return stable.length ? Math.max(...stable) : null;
  };
  const raw = largestStable('raw');
  const standardized = largestStable('standardized');
  const see =
    raw !== null && standardized !== null
      ? `See the standardized curve stay low up to rates ${Math.round(standardized / raw).toLocaleString('en')} ` +
        'times larger than raw ones can take'
      : 'See where each curve stops being stable';
  return {
    id: 'normalization-sweep',
    title: 'Normalization: final cost for every learning rate',
    spec: sweepSpec(n),
    caption:
      `${see} (hollow markers: unstable runs): ` +
      `the largest stable rate is ${rate(raw)} raw and ${rate(standardized)} standardized, ` +
      'a run counting as stable when it finishes ' +
      `and its cost never rises above ${n.stableRiseFactor}× its lowest so far.`,
  };
}

/** Section 3: normalizing inputs. */
export function normalizationCharts(n: NormalizationResult): Chart[] {
  return [...(n.contours ?? []).map((c) => contourChart(n, c)), historyChart(n), sweepChart(n)];
}
