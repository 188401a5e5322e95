import { gradients, noGrad } from '../autograd/index.js';
import { Dense, computeObjective, type ActivationName, type LossName, type Sequential } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';

/** Statistics of one dense layer on a batch: activation and pre-activation mean/std, gradient norms, dead and saturated units. */
export interface LayerStatistics {
  layer: number;
  activation: ActivationName;
  units: number;
  preActivationMean: number;
  preActivationStd: number;
  activationMean: number;
  activationStd: number;
  /** tanh: |a| > 0.99; sigmoid: a < 0.01 or a > 0.99 (null for other activations). */
  saturatedFraction: number | null;
  /** ReLU family: units that output 0 for every example of the batch (null otherwise). */
  deadFraction: number | null;
  weightNorm: number;
  /** ‖∂J/∂W‖_F after one backward pass (null without labels). */
  gradientNorm: number | null;
  /** ‖∂J/∂W‖ / ‖W‖: the relative step size a unit learning rate would take. */
  gradientToWeight: number | null;
}

function meanStd(t: Tensor): [number, number] {
  let mean = 0;
  for (let i = 0; i < t.size; i++) mean += t.data[i];
  mean /= t.size || 1;
  let v = 0;
  for (let i = 0; i < t.size; i++) v += (t.data[i] - mean) ** 2;
  return [mean, Math.sqrt(v / (t.size || 1))];
}

function norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}

/**
 * Per dense layer: statistics of pre-activations and activations on the batch `x`, saturated and
 * dead units, and (given labels and a loss) the weight gradient's norm and its ratio to the weight norm.
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
    const { z, a } = noGrad(() => {
      const pre = layer.forwardPreActivation(inputs[index]);
      return { z: pre, a: layer.activate(pre) };
    });
    const [zMean, zStd] = meanStd(z);
    const [aMean, aStd] = meanStd(a);
    const act = layer.activationName;
    let saturated: number | null = null;
    if (act === 'tanh' || act === 'sigmoid') {
      let count = 0;
      for (let i = 0; i < a.size; i++) {
        const v = a.data[i];
        if (act === 'tanh' ? Math.abs(v) > 0.99 : v < 0.01 || v > 0.99) count++;
      }
      saturated = count / (a.size || 1);
    }
    let dead: number | null = null;
    if (act === 'relu') {
      const [m, units] = a.shape;
      let deadUnits = 0;
      for (let u = 0; u < units; u++) {
        let alive = false;
        for (let r = 0; r < m && !alive; r++) alive = a.data[r * units + u] > 0;
        if (!alive) deadUnits++;
      }
      dead = deadUnits / (units || 1);
    }
    const weightNorm = norm(layer.weight.data);
    const g = grads?.get(layer.weight);
    const gradientNorm = g ? norm(g.data) : null;
    stats.push({
      layer: index,
      activation: act,
      units: layer.units,
      preActivationMean: zMean,
      preActivationStd: zStd,
      activationMean: aMean,
      activationStd: aStd,
      saturatedFraction: saturated,
      deadFraction: dead,
      weightNorm,
      gradientNorm,
      gradientToWeight: gradientNorm === null ? null : weightNorm > 0 ? gradientNorm / weightNorm : null,
    });
  });
  return stats;
}
