import type { Tensor } from '../tensor/index.js';
import { unaryOp } from './elementwise.js';
import { mul } from './mul.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise eˣ.
 *
 * d(eˣ) = dy·eˣ (the output itself).
 */
export function exp(x: Tensor): Tensor {
  return unaryOp('exp', Math.exp, assertTensor('exp', x), (dy, _x, out) => mul(dy, out));
}
