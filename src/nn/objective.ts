import { ArgumentError } from '../errors.js';
import { add, mul, square, sum } from '../ops/index.js';
import type { Tensor } from '../tensor/index.js';
import type { ForwardContext } from './layer.js';
import { binaryCrossEntropy, meanSquaredError, parseLoss, softmaxCrossEntropy, type LossName } from './losses.js';
import type { Sequential } from './sequential.js';

export interface ObjectiveOptions {
  loss: LossName | string;
  /** λ of the L2 term λ/(2m)·Σ‖W‖²_F (default 0). */
  l2?: number;
}

export interface ObjectiveResult {
  /** data loss + L2 term: what training minimizes and gradient checking verifies. */
  objective: Tensor;
  dataLoss: Tensor;
  output: Tensor;
  /** The last layer's pre-activation (what the cross-entropies and accuracy read). */
  logits: Tensor;
}

/**
 * The loss read from the right tensor: cross-entropies from the logits (the last pre-activation),
 * which needs a last activation of sigmoid (BCE), softmax (softmax CE) or linear; MSE from the output.
 */
export function dataLoss(model: Sequential, loss: LossName, output: Tensor, logits: Tensor, y: Tensor): Tensor {
  const act = model.outputActivation;
  if (loss === 'binaryCrossEntropy') {
    if (act !== 'sigmoid' && act !== 'linear')
      throw new ArgumentError(`binaryCrossEntropy needs a last activation of sigmoid or linear, not ${act}`);
    return binaryCrossEntropy(logits, y);
  }
  if (loss === 'softmaxCrossEntropy') {
    if (act !== 'softmax' && act !== 'linear')
      throw new ArgumentError(`softmaxCrossEntropy needs a last activation of softmax or linear, not ${act}`);
    return softmaxCrossEntropy(logits, y);
  }
  return meanSquaredError(output, y);
}

/** The L2 term λ/(2m)·Σ‖W‖²_F over the regularized parameters (dense weights, not biases). */
export function l2Penalty(model: Sequential, l2: number, m: number): Tensor | null {
  if (!l2) return null;
  if (l2 < 0) throw new ArgumentError(`l2 must be ≥ 0, got ${l2}`);
  const names = new Set(model.regularizedParameterNames());
  let total: Tensor | null = null;
  for (const [name, w] of model.namedParameters()) {
    if (!names.has(name)) continue;
    const s = sum(square(w));
    total = total ? add(total, s) : s;
  }
  return total ? mul(total, l2 / (2 * m)) : null;
}

/** The training objective on a batch: data loss + λ/(2m)·Σ‖W‖², m the batch size. */
export function computeObjective(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  options: ObjectiveOptions,
  context: Partial<ForwardContext> = {},
): ObjectiveResult {
  const loss = parseLoss(options.loss);
  const { output, logits } = model.forwardWithLogits(x, context);
  const data = dataLoss(model, loss, output, logits, y);
  const penalty = l2Penalty(model, options.l2 ?? 0, x.shape[0]);
  return { objective: penalty ? add(data, penalty) : data, dataLoss: data, output, logits };
}
