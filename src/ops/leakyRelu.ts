import type { Tensor } from '../tensor/index.js';
import { gradientMap, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise x for x > 0, slope·x otherwise.
 *
 * d leakyRelu(x) = dy·(x > 0 ? 1 : slope).
 */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  return unaryOp(
    'leakyRelu',
    (v) => (v > 0 ? v : slope * v),
    assertTensor('leakyRelu', x),
    (dy, x) => gradientMap(dy, x, (g, v) => (v > 0 ? g : slope * g)),
  );
}
