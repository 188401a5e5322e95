import type { DepthResult, LinearDepthResult } from '../../experiments/depth.js';
import { type Chart, countAxis, lines, logAxis, pct, sci } from './common.js';

const last = (xs: number[]) => xs[xs.length - 1];

function activationChart(d: DepthResult): Chart {
  const firstToLast = d.schemes
    .map(
      (s) =>
        `${s.init} goes from ${s.activationStd[0].toPrecision(2)} at layer 1 ` +
        `to ${sci(last(s.activationStd))} at layer ${s.activationStd.length}`,
    )
    .join(', ');
  return {
    id: 'depth-activations',
    // What `gradlab diagnose` (and fit's warning) says of each network before training.
    table: {
      headers: ['initializer', 'diagnosis at initialization', 'suggestion'],
      rows: d.schemes.map((s) => [
        s.init,
        s.diagnosis.healthy ? 'no finding' : s.diagnosis.findings.map((f) => `${f.kind}: ${f.message}`).join('; '),
        s.diagnosis.suggestion ?? '—',
      ]),
    },
    title: `Depth: activation std per layer at initialization (${d.layers} ${d.activation} layers)`,
    spec: lines(
      d.schemes.flatMap((s) =>
        s.activationStd.map((std, l) => ({ layer: l + 1, std: Math.max(std, 1e-30), init: s.init })),
      ),
      countAxis('layer', 'hidden layer'),
      logAxis('std', 'std of activations (log)'),
      'init',
      'initializer',
      d.schemes.map((s) => s.init),
    ),
    caption:
      `See He stay level while Glorot halves the variance at every ${d.activation} layer: ` +
      `on a batch of standardized ${d.dataset}, ${firstToLast}.`,
  };
}

function gradientChart(d: DepthResult): Chart {
  const firstAndLast = d.schemes
    .map((s) => `${s.init} ‖∂J/∂W₁‖ = ${sci(s.gradientNorm[0])}, last layer ${sci(last(s.gradientNorm))}`)
    .join(', ');
  return {
    id: 'depth-gradients',
    title: 'Depth: weight-gradient norm per layer at initialization',
    spec: lines(
      d.schemes.flatMap((s) =>
        s.gradientNorm.map((n, l) => ({ layer: l + 1, norm: Math.max(n, 1e-30), init: s.init })),
      ),
      countAxis('layer', 'layer'),
      logAxis('norm', 'norm of the cost’s gradient for the layer’s weights (log)'),
      'init',
      'initializer',
      d.schemes.map((s) => s.init),
    ),
    caption: `See the first layers’ gradients vanish where the forward signal vanished: ${firstAndLast}.`,
  };
}

function trainingChart(d: DepthResult): Chart {
  return {
    id: 'depth-training',
    title: 'Depth: training accuracy per epoch',
    spec: lines(
      d.schemes.flatMap((s) => s.history.map((h) => ({ epoch: h.epoch, accuracy: h.accuracy ?? 0, init: s.init }))),
      countAxis('epoch', 'epoch'),
      {
        field: 'accuracy',
        type: 'quantitative',
        title: 'training accuracy',
        scale: { domain: [0, 1] },
        axis: { format: '%' },
      },
      'init',
      'initializer',
      d.schemes.map((s) => s.init),
    ),
    caption:
      `See He climb while Glorot stays at chance (${pct(d.chance)}): ` +
      `${d.schemes.map((s) => `${s.init} ${pct(s.finalAccuracy)}`).join(', ')} ` +
      `after ${d.epochs} epochs of SGD with momentum ${d.momentum}, lr ${d.learningRate}, batch ${d.batchSize} ` +
      '(He et al. 2015, Fig. 3, on real data; PyTorch gives 97.8% vs 10% for this setting).',
  };
}

function linearChart(linear: LinearDepthResult[]): Chart {
  const label = (ld: LinearDepthResult) => `W = ${ld.scale}·I`;
  const layers = linear[0]?.magnitude.length ?? 0;
  const magnitudes = linear.map((ld) => `${ld.scale}^${layers} = ${last(ld.magnitude).toPrecision(6)}`).join(' and ');
  const largestError = Math.max(...linear.map((ld) => ld.maxRelativeError));
  return {
    id: 'depth-linear',
    title: 'W = s·I in every layer: the output is s^L times the input',
    spec: lines(
      linear.flatMap((ld) => ld.magnitude.map((m, l) => ({ layer: l + 1, magnitude: m, scale: label(ld) }))),
      countAxis('layer', 'layer L'),
      logAxis('magnitude', 'output size over input size, ‖a[L]‖ / ‖x‖ (log)'),
      'scale',
      'weights',
      linear.map(label),
    ),
    caption:
      'See two straight lines on the log scale, one up and one down, because the signal grows or shrinks ' +
      `exponentially in depth: after ${layers} layers ${magnitudes}, ` +
      `matched by the engine to ${sci(largestError)} relative.`,
  };
}

/** Section 2: initialization for depth. */
export function depthCharts(d: DepthResult, linear: LinearDepthResult[]): Chart[] {
  return [activationChart(d), gradientChart(d), trainingChart(d), linearChart(linear)];
}
