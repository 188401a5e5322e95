import { noGrad } from '../autograd/index.js';
import { computeObjective, parseLoss, type LossName, type Sequential } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';

/**
 * Fraction of examples classified right, from the logits: BCE predicts class 1 where z ≥ 0
 * (σ(z) ≥ 0.5); softmax CE predicts the arg-max. Null for regression (MSE).
 */
export function accuracyFromLogits(loss: LossName, logits: Tensor, y: Tensor): number | null {
  const m = logits.shape[0];
  if (m === 0) return null;
  let correct = 0;
  if (loss === 'binaryCrossEntropy') {
    for (let i = 0; i < m; i++) if ((logits.data[i] >= 0 ? 1 : 0) === y.data[i]) correct++;
    return correct / m;
  }
  if (loss === 'softmaxCrossEntropy') {
    const k = logits.shape[1];
    const oneHot = y.rank === 2 && y.shape[1] === k && k > 1;
    for (let i = 0; i < m; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (logits.data[i * k + c] > logits.data[i * k + best]) best = c;
      let label = y.data[i];
      if (oneHot) {
        label = 0;
        for (let c = 1; c < k; c++) if (y.data[i * k + c] > y.data[i * k + label]) label = c;
      }
      if (best === label) correct++;
    }
    return correct / m;
  }
  return null;
}

/** Objective, data loss and accuracy (null for regression) of a model on a dataset. */
export interface Evaluation {
  /** Data loss + L2 term over the whole set. */
  objective: number;
  dataLoss: number;
  accuracy: number | null;
}

/** Loss, objective and accuracy of the model on a dataset, in evaluation mode (dropout off). */
export function evaluate(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  options: { loss: LossName | string; l2?: number },
): Evaluation {
  const loss = parseLoss(options.loss);
  return noGrad(() => {
    const result = computeObjective(model, x, y, { loss, l2: options.l2 });
    return {
      objective: result.objective.item(),
      dataLoss: result.dataLoss.item(),
      accuracy: accuracyFromLogits(loss, result.logits, y),
    };
  });
}
