import type { Tensor } from '../tensor/index.js';
import { binaryOp } from './elementwise.js';
import type { Operand } from './operand.js';

/**
 * Elementwise a·b, with broadcasting.
 *
 * d(a·b): da = dy·b, db = dy·a.
 */
export function mul(a: Operand, b: Operand): Tensor {
  return binaryOp(
    'mul',
    (x, y) => x * y,
    a,
    b,
    (dy, a, b) => [a.requiresGrad ? mul(dy, b) : null, b.requiresGrad ? mul(dy, a) : null],
  );
}
