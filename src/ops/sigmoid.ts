import type { Tensor } from '../tensor/index.js';
import { gradientMap, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/** σ(x) = 1 / (1 + e^−x), evaluated so that neither branch overflows. */
export function stableSigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/**
 * Elementwise logistic function σ(x) = 1/(1 + e⁻ˣ), stable for large |x|.
 *
 * d σ(x) = dy·σ(x)·(1 − σ(x)).
 */
export function sigmoid(x: Tensor): Tensor {
  return unaryOp('sigmoid', stableSigmoid, assertTensor('sigmoid', x), (dy, _x, out) =>
    gradientMap(dy, out, (g, s) => g * s * (1 - s)),
  );
}
