import { ShapeError, formatShape } from '../errors.js';
import { Tensor, allocate, record, sameShape } from '../tensor/index.js';
import { resolveOperands } from './operand.js';
import { stableSigmoid } from './sigmoid.js';

/**
 * Elementwise binary cross-entropy of labels y ∈ [0, 1] against logits z, stable for any z.
 *
 * Elementwise binary cross-entropy of labels y against σ(z), from the logits z:
 * ℓ = max(z, 0) − z·y + log(1 + e^−|z|)   (no overflow for any z)
 * dℓ/dz = σ(z) − y,  dℓ/dy = −z.
 * A primitive, not a composition: composing through |z| would give the wrong slope at z = 0.
 */
export function sigmoidCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  resolveOperands('sigmoidCrossEntropy', logits, labels);
  if (!sameShape(logits.shape, labels.shape)) {
    throw new ShapeError(
      `sigmoidCrossEntropy: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} differ`,
    );
  }
  const z = logits.data;
  const y = labels.data;
  const out = allocate(logits.dtype, z.length);
  for (let i = 0; i < z.length; i++) out[i] = Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
  return record(new Tensor(out, logits.shape), 'sigmoidCrossEntropy', [logits, labels], (g) => {
    let dz: Tensor | null = null;
    let dy: Tensor | null = null;
    if (logits.requiresGrad) {
      const d = allocate(g.dtype, z.length);
      for (let i = 0; i < z.length; i++) d[i] = g.data[i] * (stableSigmoid(z[i]) - y[i]);
      dz = new Tensor(d, logits.shape);
    }
    if (labels.requiresGrad) {
      const d = allocate(g.dtype, z.length);
      for (let i = 0; i < z.length; i++) d[i] = -g.data[i] * z[i];
      dy = new Tensor(d, labels.shape);
    }
    return [dz, dy];
  });
}
