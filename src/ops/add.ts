import type { Tensor } from '../tensor/index.js';
import { binaryOp } from './elementwise.js';
import type { Operand } from './operand.js';

/**
 * Elementwise a + b, with NumPy broadcasting.
 *
 * d(a + b) = dy for both operands (unbroadcast to their shapes).
 */
export function add(a: Operand, b: Operand): Tensor {
  return binaryOp(
    'add',
    (x, y) => x + y,
    a,
    b,
    (dy) => [dy, dy],
  );
}
