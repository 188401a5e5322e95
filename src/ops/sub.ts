import type { Tensor } from '../tensor/index.js';
import { binaryOp } from './elementwise.js';
import { neg } from './neg.js';
import type { Operand } from './operand.js';

/**
 * Elementwise a − b, with broadcasting.
 *
 * d(a − b): da = dy, db = −dy.
 */
export function sub(a: Operand, b: Operand): Tensor {
  return binaryOp(
    'sub',
    (x, y) => x - y,
    a,
    b,
    (dy, _a, b) => [dy, b.requiresGrad ? neg(dy) : null],
  );
}
