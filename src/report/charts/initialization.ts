import type { TopLevelSpec } from 'vega-lite';
import type { CompareInitResult, CompareInitScheme } from '../../experiments/compareInit.js';
import { CLASS_COLORS, CONFIG, PROBABILITY_BANDS } from '../theme.js';
import { type Chart, lines, pct, VEGA_LITE_SCHEMA } from './common.js';
import { contourFigure } from './contourFigure.js';

const dataName = (ci: CompareInitResult) => (ci.data === 'circles' ? 'two noisy circles' : ci.data);

function costChart(ci: CompareInitResult): Chart {
  const labels = ci.schemes.map((s) => s.label);
  return {
    id: 'init-cost',
    title: 'Initialization: training cost',
    spec: lines(
      ci.schemes.flatMap((s) =>
        s.costs
          .filter((_, i) => i % 3 === 0 || i === s.costs.length - 1)
          .map(([step, cost]) => ({ step, cost, init: s.label })),
      ),
      { field: 'step', type: 'quantitative', title: 'gradient-descent step' },
      { field: 'cost', type: 'quantitative', title: 'cost (binary cross-entropy, log)', scale: { type: 'log' } },
      'init',
      'initialization',
      labels,
    ),
    caption:
      'See zeros stay flat (every unit of a layer gets the same update), randn·10 start far above the rest, ' +
      'and the variance-preserving schemes fall fastest: ' +
      `final costs ${ci.schemes.map((s) => `${s.label} ${s.finalCost.toFixed(3)}`).join(', ')} ` +
      `after ${ci.steps.toLocaleString('en')} steps at lr ${ci.learningRate} ` +
      `with the [${ci.layers.join(', ')}] ReLU network on ${dataName(ci)}.`,
  };
}

function accuracyChart(ci: CompareInitResult): Chart {
  const labels = ci.schemes.map((s) => s.label);
  const trainTest = ci.schemes.map((s) => `${s.label} ${pct(s.trainAccuracy)} / ${pct(s.testAccuracy)}`).join(', ');
  return {
    id: 'init-accuracy',
    title: 'Initialization: train and test accuracy',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      width: 460,
      height: 220,
      data: {
        values: ci.schemes.flatMap((s) => [
          { init: s.label, split: 'train', accuracy: s.trainAccuracy },
          { init: s.label, split: 'test', accuracy: s.testAccuracy },
        ]),
      },
      mark: { type: 'bar', stroke: '#000', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'init', type: 'nominal', title: 'initialization', sort: labels, axis: { labelAngle: 0 } },
        xOffset: { field: 'split', sort: ['train', 'test'] },
        y: {
          field: 'accuracy',
          type: 'quantitative',
          title: 'accuracy',
          scale: { domain: [0, 1] },
          axis: { format: '%' },
        },
        color: {
          field: 'split',
          type: 'nominal',
          title: 'split',
          scale: { domain: ['train', 'test'], range: ['#333333', '#bbbbbb'] },
        },
      },
    } as TopLevelSpec,
    caption:
      'See zeros stuck at chance while He reaches the top: ' +
      `train / test ${trainTest} ` +
      '(the course reports zeros 50% / 50%, randn·10 83% / 86%, He 99.3% / 96%).',
  };
}

/** P(inner) as ten filled bands 0.1 apart (paths, a few kilobytes, sharp at any zoom), the 0.5 line bold. */
function boundaryChart(ci: CompareInitResult, s: CompareInitScheme): Chart {
  const { x0, x1, probability } = s.boundary;
  const values = x1.map((_, i) => probability.slice(i * x0.length, (i + 1) * x0.length));
  const lo = Math.min(...probability);
  const hi = Math.max(...probability);
  const flat = hi - lo < 0.1;
  const side = 220;
  const spanX = x0[x0.length - 1] - x0[0];
  const spanY = x1[x1.length - 1] - x1[0];
  const inner = ci.train.x.filter((_, i) => ci.train.y[i] === 1) as Array<[number, number]>;
  const outer = ci.train.x.filter((_, i) => ci.train.y[i] !== 1) as Array<[number, number]>;
  const see = flat
    ? `See no boundary at all with ${s.label}: P(inner) varies by only ${(hi - lo).toFixed(2)} over the plane`
    : `See where the bold line (P = 0.5) of ${s.label} separates the orange circles from the purple triangles`;
  return {
    id: `init-boundary-${s.key}`,
    title: `Decision boundary: ${s.label}`,
    small: true,
    spec: contourFigure({
      grid: { xs: x0, ys: x1, values },
      width: spanX >= spanY ? side : Math.round((side * spanX) / spanY),
      height: spanY >= spanX ? side : Math.round((side * spanY) / spanX),
      xTitle: 'x₁',
      yTitle: 'x₂',
      bands: { thresholds: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], fills: PROBABILITY_BANDS },
      emphasis: { threshold: 0.5, label: 'P(inner) = 0.5' },
      layers: [
        { label: 'outer (train)', color: CLASS_COLORS.outer, shape: 'circle', size: 14, points: outer },
        { label: 'inner (train)', color: CLASS_COLORS.inner, shape: 'triangle-up', size: 16, points: inner },
      ],
      legendTitle: 'training data and boundary',
    }),
    caption:
      `${see}, shading from orange (P(inner) = 0) to purple (1) in steps of 0.1; ` +
      `train ${pct(s.trainAccuracy)}, test ${pct(s.testAccuracy)}.`,
  };
}

/** Section 1: the course's initialization experiment. */
export function initializationCharts(ci: CompareInitResult): Chart[] {
  return [costChart(ci), accuracyChart(ci), ...ci.schemes.map((s) => boundaryChart(ci, s))];
}
