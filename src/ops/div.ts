import type { Tensor } from '../tensor/index.js';
import { binaryOp } from './elementwise.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import type { Operand } from './operand.js';

/**
 * Elementwise a / b, with broadcasting.
 *
 * d(a / b): da = dy / b, db = −dy·(a/b) / b.
 */
export function div(a: Operand, b: Operand): Tensor {
  return binaryOp(
    'div',
    (x, y) => x / y,
    a,
    b,
    (dy, a, b, out) => [a.requiresGrad ? div(dy, b) : null, b.requiresGrad ? neg(div(mul(dy, out), b)) : null],
  );
}
