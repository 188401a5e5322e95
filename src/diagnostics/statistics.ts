import { gradients, noGrad } from '../autograd/index.js';
import { Dense, computeObjective, type ActivationName, type LossName, type Sequential } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';

/**
 * Statistics of one dense layer on a batch: activation and pre-activation mean/std, gradient norms, dead and
 * saturated units.
 */
export interface LayerStatistics {
  layer: number;
  activation: ActivationName;
  units: number;
  /** fan_in: the layer's input width. */
  inputs: number;
  /** The initializer the layer was built with (its serialized name, e.g. 'heNormal'). */
  init: string;
  /** The weight std that initializer promises for this shape (null where it defines none). */
  initExpectedStd: number | null;
  /** The weights' std now (differs from initExpectedStd after training, LSUV or a manual rescale). */
  weightStd: number;
  /** Mean of the bias vector (0 without a bias). */
  biasMean: number;
  /** Every unit has the same weight row and bias: gradient descent can never tell them apart. */
  identicalUnits: boolean;
  preActivationMean: number;
  preActivationStd: number;
  /** √mean(z²): the pre-activation's scale, what variance-preserving initializers hold near 1. */
  preActivationRms: number;
  activationMean: number;
  activationStd: number;
  /** tanh: |a| > 0.99; sigmoid: a < 0.01 or a > 0.99 (null for other activations). */
  saturatedFraction: number | null;
  /** ReLU family: units that output 0 for every example of the batch (null otherwise). */
  deadFraction: number | null;
  /**
   * ReLU family: the fraction of (example, unit) pairs with z > 0, ½ for a healthy zero-bias layer (null
   * otherwise).
   */
  activeFraction: number | null;
  weightNorm: number;
  /** ‖∂J/∂W‖_F after one backward pass (null without labels). */
  gradientNorm: number | null;
  /** ‖∂J/∂W‖_F / √(entries): the per-entry gradient, comparable between layers of any shape. */
  gradientRms: number | null;
  /** ‖∂J/∂W‖ / ‖W‖: the relative step size a unit learning rate would take. */
  gradientToWeight: number | null;
}

function meanStd(values: ArrayLike<number>): [number, number] {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length || 1;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i] - mean) ** 2;
  return [mean, Math.sqrt(v / (values.length || 1))];
}

function norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}

// Units are identical when every weight row equals the first (and every bias the first bias), up to
// rounding: 1e-12 of the largest weight. Zeros and constant initializations give this exactly.
function unitsIdentical(weight: Tensor, bias: Tensor | null): boolean {
  const [units, inputs] = weight.shape;
  if (units < 2) return false;
  const w = weight.data;
  let largest = 0;
  for (let i = 0; i < w.length; i++) largest = Math.max(largest, Math.abs(w[i]));
  const tolerance = 1e-12 * largest;
  for (let u = 1; u < units; u++) {
    for (let j = 0; j < inputs; j++) if (Math.abs(w[u * inputs + j] - w[j]) > tolerance) return false;
    if (bias && Math.abs(bias.data[u] - bias.data[0]) > tolerance + 1e-12 * Math.abs(bias.data[0])) return false;
  }
  return true;
}

function saturatedFraction(act: ActivationName, a: Tensor): number | null {
  if (act !== 'tanh' && act !== 'sigmoid') return null;
  let count = 0;
  for (let i = 0; i < a.size; i++) {
    const v = a.data[i];
    if (act === 'tanh' ? Math.abs(v) > 0.99 : v < 0.01 || v > 0.99) count++;
  }
  return count / (a.size || 1);
}

function deadFraction(act: ActivationName, a: Tensor): number | null {
  if (act !== 'relu') return null;
  const [m, units] = a.shape;
  let deadUnits = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let r = 0; r < m && !alive; r++) alive = a.data[r * units + u] > 0;
    if (!alive) deadUnits++;
  }
  return deadUnits / (units || 1);
}

function activeFraction(act: ActivationName, z: Tensor): number | null {
  if (act !== 'relu' && act !== 'leakyRelu') return null;
  let active = 0;
  for (let i = 0; i < z.size; i++) if (z.data[i] > 0) active++;
  return active / (z.size || 1);
}

/**
 * Per dense layer: its initializer, statistics of pre-activations and activations on the batch `x`,
 * saturated and dead units, identical units, and (given labels and a loss) the weight gradient's norm,
 * its per-entry RMS and its ratio to the weight norm.
 */
export function layerStatistics(
  model: Sequential,
  x: Tensor,
  labels?: { y: Tensor; loss: LossName | string; l2?: number },
): LayerStatistics[] {
  const inputs = noGrad(() => model.layerInputs(x));
  let grads: Map<Tensor, Tensor> | null = null;
  if (labels) {
    const { objective } = computeObjective(model, x, labels.y, { loss: labels.loss, l2: labels.l2 });
    grads = gradients(objective, model.parameters());
  }
  const stats: LayerStatistics[] = [];
  model.layers.forEach((layer, index) => {
    if (!(layer instanceof Dense) || !layer.weight) return;
    const weight = layer.weight;
    const { z, a } = noGrad(() => {
      const pre = layer.forwardPreActivation(inputs[index]);
      return { z: pre, a: layer.activate(pre) };
    });
    const [zMean, zStd] = meanStd(z.data);
    const [aMean, aStd] = meanStd(a.data);
    const act = layer.activationName;
    const weightNorm = norm(weight.data);
    const g = grads?.get(weight);
    const gradientNorm = g ? norm(g.data) : null;
    stats.push({
      layer: index,
      activation: act,
      units: layer.units,
      inputs: weight.shape[1],
      init: layer.initializer.name,
      initExpectedStd: layer.initializer.expectedStd(weight.shape),
      weightStd: meanStd(weight.data)[1],
      biasMean: layer.bias ? meanStd(layer.bias.data)[0] : 0,
      identicalUnits: unitsIdentical(weight, layer.bias),
      preActivationMean: zMean,
      preActivationStd: zStd,
      preActivationRms: Math.sqrt(zMean * zMean + zStd * zStd),
      activationMean: aMean,
      activationStd: aStd,
      saturatedFraction: saturatedFraction(act, a),
      deadFraction: deadFraction(act, a),
      activeFraction: activeFraction(act, z),
      weightNorm,
      gradientNorm,
      gradientRms: gradientNorm === null ? null : gradientNorm / Math.sqrt(weight.size || 1),
      gradientToWeight: gradientNorm === null ? null : weightNorm > 0 ? gradientNorm / weightNorm : null,
    });
  });
  return stats;
}
