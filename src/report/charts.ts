import type { TopLevelSpec } from 'vega-lite';
import type { LabResults } from '../experiments/index.js';
import { CONFIG, DASHES, SERIES_COLORS, SHAPES } from './theme.js';

export interface Chart {
  id: string;
  title: string;
  spec: TopLevelSpec;
  caption: string;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Heatmaps read better without grid lines over the cells. */
const HEATMAP_CONFIG = { ...CONFIG, axis: { ...CONFIG.axis, grid: false } };
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '-' : `${(100 * v).toFixed(1)}%`);
const sci = (v: number) => v.toExponential(1);

/** Colour, dash and point shape for a categorical field, in a fixed order. */
function series(field: string, title: string, domain: string[]) {
  return {
    color: { field, type: 'nominal' as const, title, scale: { domain, range: SERIES_COLORS.slice(0, domain.length) } },
    strokeDash: { field, type: 'nominal' as const, title, scale: { domain, range: DASHES.slice(0, domain.length) } },
    shape: { field, type: 'nominal' as const, title, scale: { domain, range: SHAPES.slice(0, domain.length) } },
  };
}

function lines(
  data: object[],
  x: object,
  y: object,
  field: string,
  title: string,
  domain: string[],
  extra: object = {},
): TopLevelSpec {
  return {
    $schema: SCHEMA,
    config: CONFIG,
    width: 460,
    height: 260,
    data: { values: data },
    mark: { type: 'line', point: { size: 22, filled: true }, strokeWidth: 2 },
    encoding: { x, y, ...series(field, title, domain) },
    ...extra,
  } as TopLevelSpec;
}

function heatmapWithPath(
  grid: Array<{ a: number; b: number; a2: number; b2: number; value: number }>,
  path: Array<{ a: number; b: number; order: number }>,
  titles: { a: string; b: string; value: string },
): TopLevelSpec {
  return {
    $schema: SCHEMA,
    config: HEATMAP_CONFIG,
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: grid },
        mark: { type: 'rect' },
        encoding: {
          x: {
            field: 'a',
            type: 'quantitative',
            title: titles.a,
            scale: { zero: false, nice: false },
            axis: { grid: false },
          },
          x2: { field: 'a2' },
          y: {
            field: 'b',
            type: 'quantitative',
            title: titles.b,
            scale: { zero: false, nice: false },
            axis: { grid: false },
          },
          y2: { field: 'b2' },
          color: { field: 'value', type: 'quantitative', title: titles.value, scale: { scheme: 'viridis' } },
        },
      },
      {
        data: { values: path },
        mark: { type: 'line', color: 'white', strokeWidth: 2.5, point: { filled: true, color: 'white', size: 12 } },
        encoding: {
          x: { field: 'a', type: 'quantitative' },
          y: { field: 'b', type: 'quantitative' },
          order: { field: 'order' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Every plot of the report, from the lab's plain JSON results. */
export function buildCharts(r: LabResults): Chart[] {
  const charts: Chart[] = [];
  const ci = r.compareInit;
  const labels = ci.schemes.map((s) => s.label);

  charts.push({
    id: 'init-cost',
    title: 'Initialization: training cost',
    spec: lines(
      ci.schemes.flatMap((s) =>
        s.costs
          .filter((_, i) => i % 3 === 0 || i === s.costs.length - 1)
          .map(([step, cost]) => ({ step, cost, init: s.label })),
      ),
      { field: 'step', type: 'quantitative', title: 'gradient-descent step' },
      { field: 'cost', type: 'quantitative', title: 'cost (binary cross-entropy)', scale: { type: 'log' } },
      'init',
      'initialization',
      labels,
    ),
    caption: `The [2, 10, 5, 1] ReLU network on ${ci.data === 'circles' ? 'two noisy circles' : ci.data}, ${ci.steps.toLocaleString('en')} steps of gradient descent at lr ${ci.learningRate}. ${ci.schemes
      .map((s) => `${s.label}: final cost ${s.finalCost.toFixed(3)}`)
      .join(
        '; ',
      )}. Zeros never move (every unit of a layer computes the same thing, so they all get the same update); randn·10 starts with huge logits and a huge cost; the variance-preserving schemes fall fastest.`,
  });

  charts.push({
    id: 'init-accuracy',
    title: 'Initialization: train and test accuracy',
    spec: {
      $schema: SCHEMA,
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
    caption: `${ci.schemes.map((s) => `${s.label} ${pct(s.trainAccuracy)} / ${pct(s.testAccuracy)}`).join('; ')} (train / test). The course reports zeros 50% / 50%, randn·10 83% / 86%, He 99.3% / 96%.`,
  });

  for (const s of ci.schemes) {
    const { x0, x1, probability } = s.boundary;
    const step = x0[1] - x0[0];
    const stepB = x1[1] - x1[0];
    const grid = probability.map((p, i) => {
      const a = x0[i % x0.length];
      const b = x1[Math.floor(i / x0.length)];
      // Cells overlap by 4% so that anti-aliasing leaves no seams between them.
      return { a: a - 0.52 * step, a2: a + 0.52 * step, b: b - 0.52 * stepB, b2: b + 0.52 * stepB, p };
    });
    charts.push({
      id: `init-boundary-${s.key}`,
      title: `Decision boundary: ${s.label}`,
      spec: {
        $schema: SCHEMA,
        config: HEATMAP_CONFIG,
        width: 220,
        height: 220,
        layer: [
          {
            data: { values: grid },
            mark: 'rect',
            encoding: {
              x: {
                field: 'a',
                type: 'quantitative',
                title: 'x₁',
                scale: { domain: [x0[0], x0[x0.length - 1]], nice: false },
                axis: { grid: false },
              },
              x2: { field: 'a2' },
              y: {
                field: 'b',
                type: 'quantitative',
                title: 'x₂',
                scale: { domain: [x1[0], x1[x1.length - 1]], nice: false },
                axis: { grid: false },
              },
              y2: { field: 'b2' },
              color: {
                field: 'p',
                type: 'quantitative',
                title: 'P(inner)',
                scale: { domain: [0, 1], scheme: 'greys' },
                legend: null,
              },
            },
          },
          {
            data: { values: ci.train.x.map(([a, b], i) => ({ a, b, cls: ci.train.y[i] === 1 ? 'inner' : 'outer' })) },
            mark: { type: 'point', filled: true, size: 14, stroke: 'black', strokeWidth: 0.4 },
            encoding: {
              x: { field: 'a', type: 'quantitative' },
              y: { field: 'b', type: 'quantitative' },
              shape: {
                field: 'cls',
                type: 'nominal',
                title: 'class',
                scale: { domain: ['outer', 'inner'], range: ['circle', 'triangle-up'] },
              },
              color: {
                field: 'cls',
                type: 'nominal',
                title: 'class',
                scale: { domain: ['outer', 'inner'], range: ['#e66101', '#5e3c99'] },
                legend: null,
              },
            },
          },
        ],
        resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
      } as TopLevelSpec,
      caption: `${s.label}: train ${pct(s.trainAccuracy)}, test ${pct(s.testAccuracy)}. Shading is the predicted probability of the inner circle (white 0, black 1).`,
    });
  }

  const d = r.depth;
  const depthLabels = d.schemes.map((s) => s.init);
  charts.push({
    id: 'depth-activations',
    title: `Depth: activation std per layer at initialization (${d.layers} ${d.activation} layers)`,
    spec: lines(
      d.schemes.flatMap((s) =>
        s.activationStd.map((std, l) => ({ layer: l + 1, std: Math.max(std, 1e-30), init: s.init })),
      ),
      { field: 'layer', type: 'quantitative', title: 'hidden layer', axis: { format: 'd', tickMinStep: 1 } },
      { field: 'std', type: 'quantitative', title: 'std of activations (log)', scale: { type: 'log' } },
      'init',
      'initializer',
      depthLabels,
    ),
    caption: `On a batch of standardized ${d.dataset}: ${d.schemes.map((s) => `${s.init} goes from ${s.activationStd[0].toPrecision(2)} at layer 1 to ${s.activationStd[s.activationStd.length - 1].toExponential(1)} at layer ${s.activationStd.length}`).join('; ')}. With ReLU, Glorot's variance is halved at every layer; He's factor 2 restores it.`,
  });

  charts.push({
    id: 'depth-gradients',
    title: 'Depth: weight-gradient norm per layer at initialization',
    spec: lines(
      d.schemes.flatMap((s) =>
        s.gradientNorm.map((n, l) => ({ layer: l + 1, norm: Math.max(n, 1e-30), init: s.init })),
      ),
      { field: 'layer', type: 'quantitative', title: 'layer', axis: { format: 'd', tickMinStep: 1 } },
      { field: 'norm', type: 'quantitative', title: '‖∂J/∂W‖ (log)', scale: { type: 'log' } },
      'init',
      'initializer',
      depthLabels,
    ),
    caption: `${d.schemes.map((s) => `${s.init}: ‖∂J/∂W₁‖ = ${s.gradientNorm[0].toExponential(1)}, last layer ${s.gradientNorm[s.gradientNorm.length - 1].toExponential(1)}`).join('; ')}. A vanishing forward signal means vanishing gradients for the first layers.`,
  });

  charts.push({
    id: 'depth-training',
    title: 'Depth: training accuracy per epoch',
    spec: lines(
      d.schemes.flatMap((s) => s.history.map((h) => ({ epoch: h.epoch, accuracy: h.accuracy ?? 0, init: s.init }))),
      { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { format: 'd', tickMinStep: 1 } },
      {
        field: 'accuracy',
        type: 'quantitative',
        title: 'training accuracy',
        scale: { domain: [0, 1] },
        axis: { format: '%' },
      },
      'init',
      'initializer',
      depthLabels,
    ),
    caption: `SGD with momentum ${d.momentum}, lr ${d.learningRate}, batch ${d.batchSize}: ${d.schemes.map((s) => `${s.init} ${pct(s.finalAccuracy)}`).join(', ')} after ${d.epochs} epochs (chance ${pct(d.chance)}). He et al. (2015), Fig. 3, reproduced on real data; PyTorch gives 97.8% vs 10% for this setting.`,
  });

  charts.push({
    id: 'depth-linear',
    title: 'W = s·I in every layer: the output is s^L times the input',
    spec: lines(
      r.linearDepth.flatMap((ld) =>
        ld.magnitude.map((m, l) => ({ layer: l + 1, magnitude: m, scale: `W = ${ld.scale}·I` })),
      ),
      { field: 'layer', type: 'quantitative', title: 'layer L', axis: { format: 'd', tickMinStep: 1 } },
      { field: 'magnitude', type: 'quantitative', title: '‖a[L]‖ / ‖x‖ (log)', scale: { type: 'log' } },
      'scale',
      'weights',
      r.linearDepth.map((ld) => `W = ${ld.scale}·I`),
    ),
    caption: `After 20 layers: ${r.linearDepth.map((ld) => `${ld.scale}^20 = ${ld.magnitude[19].toPrecision(6)}`).join(' and ')}; the engine matches s^L to ${sci(Math.max(...r.linearDepth.map((ld) => ld.maxRelativeError)))} relative. Signals explode or vanish exponentially in depth unless each layer preserves variance.`,
  });

  const n = r.normalization;
  for (const c of n.contours ?? []) {
    const step = c.w1[1] - c.w1[0];
    const stepB = c.w2[1] - c.w2[0];
    charts.push({
      id: `normalization-contour-${c.setting}`,
      title: `Cost surface over two weights: ${c.setting} features`,
      spec: heatmapWithPath(
        c.cost.flatMap((row, i) =>
          row.map((value, j) => ({
            a: c.w1[j] - 0.52 * step,
            a2: c.w1[j] + 0.52 * step,
            b: c.w2[i] - 0.52 * stepB,
            b2: c.w2[i] + 0.52 * stepB,
            value,
          })),
        ),
        c.path.map(([a, b], order) => ({ a, b, order })),
        { a: `weight of ${c.features[0]}`, b: `weight of ${c.features[1]}`, value: 'cost' },
      ),
      caption: `Logistic regression on ${c.features.join(' and ')} (${c.setting}); white: the gradient-descent path at the best stable learning rate (${c.learningRate}), from 0. ${c.setting === 'raw' ? 'The raw features differ in scale by orders of magnitude: the valley is a long thin trough, the largest stable step is tiny, and descent crawls along it.' : 'Standardized, the contours are nearly round and descent goes almost straight to the minimum.'}`,
    });
  }

  charts.push({
    id: 'normalization-history',
    title: 'Normalization: cost of the best stable run',
    spec: lines(
      (['raw', 'standardized'] as const).flatMap((k) =>
        n[k].bestHistory
          .filter(([s]) => s > 0)
          .map(([step, cost]) => ({ step, cost, features: `${k} (lr ${n[k].best?.learningRate})` })),
      ),
      { field: 'step', type: 'quantitative', title: 'gradient-descent step (log)', scale: { type: 'log' } },
      { field: 'cost', type: 'quantitative', title: 'cost (log)', scale: { type: 'log' } },
      'features',
      'features',
      (['raw', 'standardized'] as const).map((k) => `${k} (lr ${n[k].best?.learningRate})`),
      { mark: { type: 'line', strokeWidth: 2 } },
    ),
    caption: `breast_cancer, plain full-batch gradient descent, ${n.steps} steps. Raw: best stable lr ${n.raw.best?.learningRate}, final cost ${n.raw.best?.finalCost.toFixed(3)}${n.raw.best?.stepsToTarget === null ? `, never below ${n.target}` : ''}. Standardized: best lr ${n.standardized.best?.learningRate}, final cost ${n.standardized.best?.finalCost.toFixed(3)}; ${n.speedup ? `${n.speedup.lowerBound ? 'at least ' : ''}${n.speedup.factor.toFixed(0)}× fewer steps to cost ${n.target}` : ''}.`,
  });

  charts.push({
    id: 'normalization-sweep',
    title: 'Normalization: final cost for every learning rate',
    spec: lines(
      (['raw', 'standardized'] as const).flatMap((k) =>
        n[k].runs.map((run) => ({ lr: run.learningRate, cost: Math.min(run.finalCost, 1e3), features: k })),
      ),
      { field: 'lr', type: 'quantitative', title: 'learning rate (log)', scale: { type: 'log' } },
      { field: 'cost', type: 'quantitative', title: 'final cost (log, capped at 1000)', scale: { type: 'log' } },
      'features',
      'features',
      ['raw', 'standardized'],
    ),
    caption: `Raw features are stable only up to lr ${Math.max(...n.raw.runs.filter((x) => x.stable).map((x) => x.learningRate))}; standardized ones up to ${Math.max(...n.standardized.runs.filter((x) => x.stable).map((x) => x.learningRate))}. A run counts as unstable when its cost climbs above 10× its start.`,
  });

  const gc = r.gradcheck;
  charts.push({
    id: 'gradcheck-correct',
    title: 'Gradient check of a correct network: difference per tensor',
    spec: {
      $schema: SCHEMA,
      config: CONFIG,
      width: 460,
      height: 240,
      layer: [
        {
          data: {
            values: gc.correct.flatMap((c) =>
              c.parameters.map((p) => ({ parameter: p.name, when: c.when, difference: Math.max(p.difference, 1e-16) })),
            ),
          },
          mark: { type: 'point', filled: true, size: 90, stroke: '#000', strokeWidth: 0.6 },
          encoding: {
            x: { field: 'parameter', type: 'nominal', title: 'parameter', axis: { labelAngle: 0 } },
            xOffset: { field: 'when' },
            y: {
              field: 'difference',
              type: 'quantitative',
              title: '‖a − n‖ / (‖a‖ + ‖n‖) (log)',
              scale: { type: 'log', domain: [1e-12, 1] },
            },
            color: { field: 'when', type: 'nominal', title: 'checked', scale: { range: ['#333333', '#bbbbbb'] } },
            shape: { field: 'when', type: 'nominal', title: 'checked', scale: { range: ['circle', 'square'] } },
          },
        },
        {
          data: {
            values: [
              { t: 1e-7, label: 'pass ≤ 1e-7' },
              { t: 1e-3, label: 'fail > 1e-3' },
            ],
          },
          mark: { type: 'rule', strokeDash: [4, 3] },
          encoding: { y: { field: 't', type: 'quantitative' } },
        },
      ],
    } as TopLevelSpec,
    caption: `${gc.network}, dropout frozen, L2 on: ${gc.correct.map((c) => `${c.when} ${c.verdict.toUpperCase()} at ${sci(c.difference)}`).join('; ')}. Dashed lines: the pass and fail thresholds.`,
  });

  const full = gc.bugs.filter((b) => b.mode === 'full');
  charts.push({
    id: 'gradcheck-bugs',
    title: 'Planted bugs: difference of the buggy tensor (full check)',
    spec: {
      $schema: SCHEMA,
      config: CONFIG,
      width: 360,
      height: 220,
      data: {
        values: full.map((b) => ({
          parameter: b.parameter,
          kind: b.kind,
          difference: b.difference,
          outcome: b.caught && b.localized ? 'caught' : b.caught ? `blamed ${b.blamed}` : 'missed',
        })),
      },
      layer: [
        {
          mark: 'rect',
          encoding: {
            x: { field: 'kind', type: 'nominal', title: 'bug kind', axis: { labelAngle: 0 } },
            y: { field: 'parameter', type: 'nominal', title: 'tensor with the bug' },
            color: {
              field: 'difference',
              type: 'quantitative',
              title: 'overall difference',
              scale: { type: 'log', scheme: 'viridis' },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 11, color: 'white', fontWeight: 'bold' },
          encoding: {
            x: { field: 'kind', type: 'nominal' },
            y: { field: 'parameter', type: 'nominal' },
            text: { field: 'outcome' },
          },
        },
      ],
    } as TopLevelSpec,
    caption: `${full.filter((b) => b.caught && b.localized).length} of ${full.length} planted bugs fail the full check and are blamed on the tensor that holds them (blank cells: a kind that does not apply, e.g. drop-l2 on a bias); with one random direction per tensor, ${gc.bugs.filter((b) => b.mode === 'directional' && b.caught).length} of ${gc.bugs.filter((b) => b.mode === 'directional').length} scale/swap/drop-l2 bugs are caught for ${gc.modes.find((m) => m.mode === 'directional')?.evaluations} evaluations instead of ${gc.modes.find((m) => m.mode === 'full')?.evaluations}.`,
  });

  return charts;
}
