import { Dense, type Sequential } from '../nn/index.js';
import type { FeatureStatistics } from './inputs.js';
import type { OutputStatistics } from './outputs.js';
import type { LayerStatistics } from './statistics.js';
import { initializerFor, suggest, type Suggestion, type SuggestionAction } from './suggest.js';
import { DIAGNOSIS_THRESHOLDS, type DiagnosisThresholds } from './thresholds.js';
import type { DiagnoseContext, Evidence, Finding, FindingReport } from './types.js';

export type { DiagnoseContext, Evidence, Finding, FindingReport, TrainingSettings } from './types.js';

/** Root causes first: the first finding is the one the suggestion addresses. */
export const FINDING_ORDER: readonly Finding[] = [
  'symmetry',
  'saturation',
  'unnormalizedInputs',
  'largeWeights',
  'deadUnits',
  'explodingActivations',
  'vanishingActivations',
  'explodingGradients',
  'vanishingGradients',
];

/** `diagnose`'s verdict: healthy or not, each finding in words, and one suggestion. */
export interface Diagnosis {
  healthy: boolean;
  /** Ordered root cause first (see FINDING_ORDER). */
  findings: FindingReport[];
  /** The initializer the suggestion names, when it names one. */
  suggestedInit: string | null;
  /** The one concrete suggestion, in words. */
  suggestion: string | null;
  action: SuggestionAction | null;
}

// The std of initializerFor(activation) for a layer: He √(2/fan_in), LeCun √(1/fan_in), Glorot √(2/(fan_in+fan_out)).
function matchingStd(s: LayerStatistics): number {
  if (s.activation === 'relu' || s.activation === 'leakyRelu') return Math.sqrt(2 / s.inputs);
  if (s.activation === 'tanh') return Math.sqrt(1 / s.inputs);
  return Math.sqrt(2 / (s.inputs + s.units));
}

/** A factor in words that reads right at any size: "×0.71", "×3.2e-5", "×1.4e+3". */
export function factorText(r: number): string {
  if (!Number.isFinite(r)) return r > 0 ? '×∞' : '×0';
  if (r === 0) return '×0';
  return r >= 0.01 && r < 1000 ? `×${r.toPrecision(2)}` : `×${r.toExponential(1)}`;
}

const num = (v: number, digits = 3) => Number(v.toPrecision(digits));
/** A measurement in a message: 2 significant digits, exponent form when tiny or huge. */
const short = (v: number) =>
  v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? v.toExponential(1) : String(num(v, 2));
const SMALLEST = 1e-300;

// Least-squares slope of y against 0, 1, …, n−1: the per-layer trend, robust to one odd layer.
function slope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  return sxy / sxx;
}

/** The input RMS over all features (1 for standardized inputs), from input statistics. */
function inputRms(inputs: readonly FeatureStatistics[] | undefined): number | null {
  if (!inputs?.length) return null;
  return Math.sqrt(inputs.reduce((s, f) => s + f.scale * f.scale, 0) / inputs.length);
}

function symmetry(hidden: readonly LayerStatistics[]): FindingReport | null {
  const same = hidden.filter((s) => s.identicalUnits);
  if (!same.length) return null;
  const first = same[0];
  return {
    kind: 'symmetry',
    layers: same.map((s) => s.layer),
    evidence: {
      layers: same.map((s) => s.layer),
      units: same.map((s) => s.units),
      init: first.init,
      weightStd: first.weightStd,
    },
    message:
      `every unit of layer${same.length > 1 ? 's' : ''} ${same.map((s) => s.layer).join(', ')} ` +
      `has the same weights and bias (init ${first.init}, weight std ${num(first.weightStd)}): ` +
      'they compute the same thing and receive the same gradient, so training can never tell them apart',
  };
}

function unnormalizedInputs(
  inputs: readonly FeatureStatistics[] | undefined,
  t: DiagnosisThresholds,
): FindingReport | null {
  const varying = (inputs ?? []).filter((f) => f.std > 0);
  if (varying.length === 0) return null;
  const byScale = [...varying].sort((a, b) => b.scale - a.scale);
  const largest = byScale[0];
  const smallest = byScale[byScale.length - 1];
  const spread = largest.scale / smallest.scale;
  if (spread <= t.inputScaleSpread && largest.scale <= t.inputScale) return null;
  const describe = (f: FeatureStatistics) => `${f.name} ${num(f.mean)}±${num(f.std)}`;
  const largestDescribed = byScale.slice(0, 3).map(describe).join(', ');
  return {
    kind: 'unnormalizedInputs',
    layers: [],
    evidence: {
      largestFeatures: byScale.slice(0, 3).map((f) => f.name),
      largestScale: largest.scale,
      smallestFeature: smallest.name,
      smallestScale: smallest.scale,
      scaleSpread: spread,
    },
    message:
      `input features differ in scale ${factorText(spread)} ` +
      `(largest ${largestDescribed}; smallest ${describe(smallest)}): ` +
      'the first layer sees mostly the large features and its pre-activations are far from unit scale',
  };
}

function largeWeights(
  layers: readonly LayerStatistics[],
  output: OutputStatistics | undefined,
  t: DiagnosisThresholds,
): FindingReport | null {
  const ratios = layers.map((s) => s.weightStd / matchingStd(s));
  const worst = Math.max(...ratios);
  if (worst < t.largeWeightRatio) return null;
  const lossRatio = output ? output.dataLoss / output.chanceLoss : null;
  if (lossRatio !== null && lossRatio < t.largeWeightLossRatio) return null;
  const evidence: Evidence = {
    weightToMatchingStd: ratios.map((r) => num(r)),
    firstPreActivationRms: layers[0].preActivationRms,
  };
  let outputText = '';
  if (output) {
    evidence.loss = output.dataLoss;
    evidence.chanceLoss = output.chanceLoss;
    if (output.confidentWrongFraction !== null) evidence.confidentWrongFraction = output.confidentWrongFraction;
    const confidentlyWrong =
      output.confidentWrongFraction !== null
        ? `, with ${(100 * output.confidentWrongFraction).toFixed(0)}% of examples confidently (p > 0.9) wrong`
        : '';
    outputText =
      `; the initial loss is ${num(output.dataLoss)}, ` +
      `${factorText(lossRatio!)} the chance loss ${num(output.chanceLoss)}${confidentlyWrong}`;
  }
  const at = ratios.indexOf(worst);
  return {
    kind: 'largeWeights',
    layers: layers.filter((_, i) => ratios[i] >= t.largeWeightRatio).map((s) => s.layer),
    evidence,
    message:
      `weights are up to ${factorText(worst)} the std ${initializerFor(layers[at].activation)} ` +
      `would draw for their shape (layer ${layers[at].layer}: ` +
      `${num(layers[at].weightStd)} vs ${num(matchingStd(layers[at]))}); ` +
      `the first layer's pre-activations have RMS ${num(layers[0].preActivationRms)}${outputText}`,
  };
}

function deadUnits(hidden: readonly LayerStatistics[], t: DiagnosisThresholds): FindingReport | null {
  const dead = hidden.filter(
    (s) => (s.activeFraction !== null && s.activeFraction < t.activeFraction) || (s.deadFraction ?? 0) > t.deadFraction,
  );
  if (!dead.length) return null;
  const offByLayer = dead
    .map(
      (s) =>
        `layer ${s.layer} active for ${(100 * (s.activeFraction ?? 0)).toFixed(0)}% of (example, unit) pairs ` +
        `(½ is healthy), ${(100 * (s.deadFraction ?? 0)).toFixed(0)}% of units dead on the whole batch, ` +
        `mean bias ${num(s.biasMean)}`,
    )
    .join('; ');
  return {
    kind: 'deadUnits',
    layers: dead.map((s) => s.layer),
    evidence: {
      layers: dead.map((s) => s.layer),
      activeFraction: dead.map((s) => num(s.activeFraction ?? 0)),
      deadFraction: dead.map((s) => num(s.deadFraction ?? 0)),
      biasMean: dead.map((s) => num(s.biasMean)),
    },
    message: `ReLUs that are off: ${offByLayer}: an off unit passes no gradient back`,
  };
}

function saturation(hidden: readonly LayerStatistics[], t: DiagnosisThresholds): FindingReport | null {
  const saturated = hidden.filter((s) => (s.saturatedFraction ?? 0) > t.saturatedFraction);
  if (!saturated.length) return null;
  const saturatedByLayer = saturated
    .map((s) => `layer ${s.layer} ${(100 * (s.saturatedFraction ?? 0)).toFixed(0)}% (z std ${num(s.preActivationStd)})`)
    .join(', ');
  return {
    kind: 'saturation',
    layers: saturated.map((s) => s.layer),
    evidence: {
      layers: saturated.map((s) => s.layer),
      saturatedFraction: saturated.map((s) => num(s.saturatedFraction ?? 0)),
      preActivationStd: saturated.map((s) => num(s.preActivationStd)),
    },
    message:
      `hidden units in the flat part of ${saturated[0].activation} (|tanh| > 0.99 or sigmoid outside 0.01…0.99): ` +
      `${saturatedByLayer}; their local gradient is ≈ 0`,
  };
}

/** The pre-activation RMS from the inputs through every hidden layer, and its per-layer trend. */
function activationTrend(hidden: readonly LayerStatistics[], inputs: readonly FeatureStatistics[] | undefined) {
  const start = inputRms(inputs);
  const scales = [...(start === null ? [] : [start]), ...hidden.map((s) => s.preActivationRms)];
  const perLayer = Math.exp(slope(scales.map((v) => Math.log(Math.max(v, SMALLEST)))));
  return { scales, perLayer, total: perLayer ** (scales.length - 1) };
}

// Hidden layers only: a trained network's output logits are large on purpose. With one hidden layer
// there is no depth for a signal to vanish or explode through (a single too-large layer is largeWeights).
function activationFinding(
  hidden: readonly LayerStatistics[],
  inputs: readonly FeatureStatistics[] | undefined,
  t: DiagnosisThresholds,
): FindingReport | null {
  if (hidden.length < 2) return null;
  const { scales, perLayer, total } = activationTrend(hidden, inputs);
  const vanishing = total < 1 / t.vanishingFactor;
  if (!vanishing && total <= t.explodingFactor) return null;
  const from = inputs?.length ? 'the inputs' : `layer ${hidden[0].layer}`;
  const rmsByLayer = scales.map(short).join(' → ');
  return {
    kind: vanishing ? 'vanishingActivations' : 'explodingActivations',
    layers: hidden.map((s) => s.layer),
    evidence: { preActivationRms: scales.map((v) => num(v)), perLayer, total },
    message:
      `pre-activation RMS changes ${factorText(perLayer)} per layer (${rmsByLayer}), ` +
      `${factorText(total)} from ${from} to the last hidden layer: ` +
      `the signal ${vanishing ? 'vanishes' : 'explodes'} with depth`,
  };
}

function gradientFinding(stats: readonly LayerStatistics[], t: DiagnosisThresholds): FindingReport | null {
  const rms = stats.map((s) => s.gradientRms);
  if (stats.length < 3 || rms.some((g) => g === null)) return null;
  const values = rms as number[];
  if (values.every((g) => g === 0)) return null;
  // Output to input: how much smaller each layer's per-entry gradient is than the next layer's.
  const backward = [...values].reverse();
  const perLayer = Math.exp(slope(backward.map((v) => Math.log(Math.max(v, SMALLEST)))));
  const total = perLayer ** (values.length - 1);
  const vanishing = total < 1 / t.gradientFactor;
  if (!vanishing && total <= t.gradientFactor) return null;
  const gradientByLayer = values.map(short).join(', ');
  return {
    kind: vanishing ? 'vanishingGradients' : 'explodingGradients',
    layers: stats.map((s) => s.layer),
    evidence: { gradientRms: values.map((v) => num(v)), perLayer, total },
    message:
      `the per-entry weight gradient (‖∂J/∂W‖/√entries) changes ${factorText(perLayer)} per layer ` +
      `going back from the output (${gradientByLayer}), ${factorText(total)} at the first layer: ` +
      `early layers ${vanishing ? 'barely learn' : 'take huge steps'}`,
  };
}

// The model names its output layer (its last dense layer, whatever follows it); without the model,
// the last statistics are taken for the output layer's.
function hiddenLayers(stats: readonly LayerStatistics[], model: Sequential | undefined): LayerStatistics[] {
  if (!model) return stats.slice(0, -1);
  let output = -1;
  for (let i = model.layers.length - 1; i >= 0 && output < 0; i--) if (model.layers[i] instanceof Dense) output = i;
  return stats.filter((s) => s.layer !== output);
}

/**
 * Names what keeps a network from training, with the numbers behind each finding, root cause first, and
 * one suggestion that fits the activation, initializer, inputs and optimizer in use. The output layer
 * is never judged for saturation or dead units (confident outputs are what training aims at).
 */
export function diagnose(stats: readonly LayerStatistics[], context: DiagnoseContext = {}): Diagnosis {
  const t: DiagnosisThresholds = { ...DIAGNOSIS_THRESHOLDS, ...context.thresholds };
  const findings: FindingReport[] = [];
  const hidden = hiddenLayers(stats, context.model);
  const symmetric = symmetry(hidden);
  if (symmetric) findings.push(symmetric);
  if (stats.length) {
    const inputs = unnormalizedInputs(context.inputs, t);
    if (inputs) findings.push(inputs);
    // A symmetric network's zero or constant signal says nothing about scale: only symmetry is reported.
    if (!symmetric) {
      for (const f of [
        largeWeights(stats, context.output, t),
        deadUnits(hidden, t),
        saturation(hidden, t),
        activationFinding(hidden, context.inputs, t),
        gradientFinding(stats, t),
      ])
        if (f) findings.push(f);
    }
  }
  findings.sort((a, b) => FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind));
  const suggestion: Suggestion | null = findings.length
    ? suggest(
        findings[0],
        stats,
        context,
        findings.some((f) => f.kind === 'unnormalizedInputs'),
      )
    : null;
  return {
    healthy: findings.length === 0,
    findings,
    suggestedInit: suggestion?.initializer ?? null,
    suggestion: suggestion?.text ?? null,
    action: suggestion?.action ?? null,
  };
}
