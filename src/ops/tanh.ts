import type { Tensor } from '../tensor/index.js';
import { gradientMap, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise hyperbolic tangent.
 *
 * d tanh(x) = dy·(1 − tanh²(x)).
 */
export function tanh(x: Tensor): Tensor {
  return unaryOp('tanh', Math.tanh, assertTensor('tanh', x), (dy, _x, out) =>
    gradientMap(dy, out, (g, t) => g * (1 - t * t)),
  );
}
