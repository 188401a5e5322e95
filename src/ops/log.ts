import type { Tensor } from '../tensor/index.js';
import { div } from './div.js';
import { unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise natural logarithm.
 *
 * d(ln x) = dy / x.
 */
export function log(x: Tensor): Tensor {
  return unaryOp('log', Math.log, assertTensor('log', x), (dy, x) => div(dy, x));
}
