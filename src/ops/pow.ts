import type { Tensor } from '../tensor/index.js';
import { binaryOp, computeUnary } from './elementwise.js';
import { mul } from './mul.js';
import type { Operand } from './operand.js';
import { sub } from './sub.js';

/**
 * Elementwise a to the power b, with broadcasting.
 *
 * d(a^b): da = dy·b·a^(b−1); db = dy·a^b·ln a where a > 0, and 0 where a ≤ 0 (a^b has no real
 * derivative in b there).
 */
export function pow(a: Operand, b: Operand): Tensor {
  return binaryOp('pow', Math.pow, a, b, (dy, a, b, out) => [
    a.requiresGrad ? mul(dy, mul(b, pow(a, sub(b, 1)))) : null,
    b.requiresGrad
      ? mul(
          dy,
          mul(
            out,
            computeUnary((x) => (x > 0 ? Math.log(x) : 0), a),
          ),
        )
      : null,
  ]);
}

/**
 * Elementwise x².
 *
 * d(x²) = 2·x·dy (through mul's rule).
 */
export function square(x: Tensor): Tensor {
  return mul(x, x);
}
