import type { Tensor } from '../tensor/index.js';
import { gradientMap, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise |x|.
 *
 * d|x| = dy·sign(x), with sign(0) = 0 (the subgradient PyTorch and TensorFlow use).
 */
export function abs(x: Tensor): Tensor {
  return unaryOp('abs', Math.abs, assertTensor('abs', x), (dy, x) => gradientMap(dy, x, (g, v) => g * Math.sign(v)));
}
