import type { Tensor } from '../tensor/index.js';
import { gradientMap, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise max(x, 0).
 *
 * d relu(x) = dy·[x > 0] (0 at x = 0, as in PyTorch).
 */
export function relu(x: Tensor): Tensor {
  return unaryOp(
    'relu',
    (v) => (v > 0 ? v : Number.isNaN(v) ? v : 0),
    assertTensor('relu', x),
    (dy, x) => gradientMap(dy, x, (g, v) => (v > 0 ? g : 0)),
  );
}
