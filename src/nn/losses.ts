import { ArgumentError, ShapeError, formatShape } from '../errors.js';
import { mean, reshape, sigmoidCrossEntropy, square, sub } from '../ops/index.js';
import { softmaxCrossEntropyMean } from '../ops/softmaxCrossEntropy.js';
import { Tensor, allocate } from '../tensor/index.js';

/** Losses a model can be trained with. */
export type LossName = 'binaryCrossEntropy' | 'softmaxCrossEntropy' | 'meanSquaredError';

/** Every `LossName`, for menus and validation. */
export const LOSSES: readonly LossName[] = ['binaryCrossEntropy', 'softmaxCrossEntropy', 'meanSquaredError'];

const ALIASES: Record<string, LossName> = {
  bce: 'binaryCrossEntropy',
  binary_crossentropy: 'binaryCrossEntropy',
  softmax_ce: 'softmaxCrossEntropy',
  crossEntropy: 'softmaxCrossEntropy',
  categorical_crossentropy: 'softmaxCrossEntropy',
  mse: 'meanSquaredError',
};

export function parseLoss(name: string): LossName {
  const resolved = ALIASES[name] ?? name;
  if (!(LOSSES as readonly string[]).includes(resolved))
    throw new ArgumentError(`unknown loss '${name}' (known: ${LOSSES.join(', ')})`);
  return resolved as LossName;
}

/**
 * Binary cross-entropy from logits z [m, 1] (or [m]) against 0/1 labels of the same length, averaged
 * over the batch: mean(max(z,0) − z·y + log(1 + e^−|z|)), stable for any z.
 */
export function binaryCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  if (logits.size !== labels.size || (logits.rank === 2 && logits.shape[1] !== 1)) {
    throw new ShapeError(
      `binaryCrossEntropy: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} ` +
        'must both hold one value per example',
    );
  }
  const y = labels.rank === logits.rank ? labels : reshape(labels, logits.shape);
  return mean(sigmoidCrossEntropy(logits, y));
}

/** Integer labels [m] as a one-hot [m, k] tensor (k classes), naming any label out of range. */
export function oneHotLabels(labels: Tensor, k: number, where = 'softmaxCrossEntropy'): Tensor {
  const out = allocate(labels.dtype, labels.size * k);
  for (let i = 0; i < labels.size; i++) {
    const c = labels.data[i];
    if (!Number.isInteger(c) || c < 0 || c >= k)
      throw new ArgumentError(`${where}: label ${c} of example ${i} is not a class in 0..${k - 1}`);
    out[i * k + c] = 1;
  }
  return new Tensor(out, [labels.size, k]);
}

/**
 * Softmax cross-entropy from logits z [m, k], against integer labels [m] or one-hot labels [m, k],
 * averaged over the batch: −mean_i Σ_c Y_ic · logsoftmax(z)_ic.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  if (logits.rank !== 2)
    throw new ShapeError(`softmaxCrossEntropy: logits must be [m, k], got ${formatShape(logits.shape)}`);
  const [m, k] = logits.shape;
  return softmaxCrossEntropyMean(logits, oneHotTargets(labels, m, k));
}

/** Labels [m] (integers) or [m, k] (one-hot) as the [m, k] targets of softmax cross-entropy. */
export function oneHotTargets(labels: Tensor, m: number, k: number): Tensor {
  if (labels.rank === 2 && labels.shape[0] === m && labels.shape[1] === k) return labels;
  if (labels.size === m && (labels.rank === 1 || (labels.rank === 2 && labels.shape[1] === 1)))
    return oneHotLabels(labels, k);
  throw new ShapeError(
    `softmaxCrossEntropy: labels ${formatShape(labels.shape)} fit neither [${m}] (integers) nor [${m}, ${k}] (one-hot)`,
  );
}

/** Mean of squared errors over all elements. */
export function meanSquaredError(predictions: Tensor, targets: Tensor): Tensor {
  if (predictions.size !== targets.size) {
    throw new ShapeError(
      `meanSquaredError: predictions ${formatShape(predictions.shape)} ` +
        `and targets ${formatShape(targets.shape)} differ`,
    );
  }
  const t = targets.rank === predictions.rank ? targets : reshape(targets, predictions.shape);
  return mean(square(sub(predictions, t)));
}
