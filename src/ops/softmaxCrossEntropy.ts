import { ShapeError, formatShape } from '../errors.js';
import { logSoftmax as logSoftmaxKernel } from '../kernels/index.js';
import { Tensor, allocate, record } from '../tensor/index.js';

/**
 * The batch mean of softmax cross-entropy, from logits z [m, k] and targets Y [m, k] (one-hot or any
 * rows of weights), in one pass instead of five ops (log-softmax, product, sum, scale, negation):
 *
 * ℓ = −(1/m)·Σ_i Σ_c Y_ic·log softmax(z_i)_c
 * dℓ/dz_ic = (softmax(z_i)_c·Σ_c' Y_ic' − Y_ic)/m   (softmax − Y for one-hot rows)
 * dℓ/dY_ic = −log softmax(z_i)_c / m
 *
 * A target of 0 contributes nothing, also where the log-probability underflowed to −∞ (the product
 * form gave 0·(−∞) = NaN there).
 */
export function softmaxCrossEntropyMean(logits: Tensor, targets: Tensor): Tensor {
  if (logits.rank !== 2 || targets.rank !== 2 || logits.size !== targets.size || logits.shape[0] !== targets.shape[0])
    throw new ShapeError(
      `softmaxCrossEntropyMean: logits ${formatShape(logits.shape)} and targets ` +
        `${formatShape(targets.shape)} must both be [m, k]`,
    );
  const [m, k] = logits.shape;
  const y = targets.data;
  const logp = allocate(logits.dtype, m * k);
  logSoftmaxKernel(logits.data, m, k, 1, logp);
  const out = allocate(logits.dtype, 1);
  out[0] = meanCrossEntropy(y, logp, 0, m * k, m);
  return record(new Tensor(out, []), 'softmaxCrossEntropyMean', [logits, targets], (g) => {
    const scale = g.data[0] / m;
    let dz: Tensor | null = null;
    let dy: Tensor | null = null;
    if (logits.requiresGrad) {
      const d = allocate(g.dtype, m * k);
      for (let i = 0; i < m; i++) {
        let weight = 0;
        for (let c = 0; c < k; c++) weight += y[i * k + c];
        for (let c = i * k; c < (i + 1) * k; c++) d[c] = scale * (Math.exp(logp[c]) * weight - y[c]);
      }
      dz = new Tensor(d, logits.shape);
    }
    if (targets.requiresGrad) {
      const d = allocate(g.dtype, m * k);
      for (let i = 0; i < m * k; i++) d[i] = -scale * logp[i];
      dy = new Tensor(d, targets.shape);
    }
    return [dz, dy];
  });
}

/** −(1/m)·Σ Y·log p over Y's m·k values, log p read from `logp` at `at`; a target of 0 adds nothing. */
function meanCrossEntropy(y: ArrayLike<number>, logp: ArrayLike<number>, at: number, size: number, m: number): number {
  let total = 0;
  for (let i = 0; i < size; i++) if (y[i] !== 0) total += y[i] * logp[at + i];
  return 0 - total / m; // a loss of exactly 0 is +0, not −0
}

/**
 * The value of softmaxCrossEntropyMean (no gradient) for each of `blocks` stacked batches: logits
 * [blocks·m, k], block b being rows [b·m, (b+1)·m), all against the same targets [m, k]. Each block's
 * loss has the bits softmaxCrossEntropyMean gives that block alone (log-softmax acts per row), from one
 * log-softmax over every row: the gradient checker's stacked evaluations.
 */
export function softmaxCrossEntropyBlocks(logits: Tensor, targets: Tensor, blocks: number): Float64Array {
  const [m, k] = targets.shape;
  if (logits.rank !== 2 || targets.rank !== 2 || logits.shape[1] !== k || logits.shape[0] !== blocks * m)
    throw new ShapeError(
      `softmaxCrossEntropyBlocks: logits ${formatShape(logits.shape)} must be ${blocks} blocks of targets ` +
        formatShape(targets.shape),
    );
  const logp = allocate(logits.dtype, logits.size);
  logSoftmaxKernel(logits.data, blocks * m, k, 1, logp);
  const losses = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) losses[b] = meanCrossEntropy(targets.data, logp, b * m * k, m * k, m);
  return losses;
}
