import type { Tensor } from '../tensor/index.js';
import { div } from './div.js';
import { unaryOp } from './elementwise.js';
import { mul } from './mul.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise square root.
 *
 * d(√x) = dy / (2·√x).
 */
export function sqrt(x: Tensor): Tensor {
  return unaryOp('sqrt', Math.sqrt, assertTensor('sqrt', x), (dy, _x, out) => div(dy, mul(out, 2)));
}
