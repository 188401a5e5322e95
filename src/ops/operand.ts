import { DTypeError } from '../errors.js';
import { Tensor, full, type DType } from '../tensor/index.js';

/** A tensor, or a plain number that takes the dtype of the other operand. */
export type Operand = Tensor | number;

export function assertTensor(op: string, value: unknown, name = 'input'): Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(`${op}: ${name} must be a Tensor, got ${typeof value}`);
  return value;
}

/** Resolves two operands to tensors of one dtype; mixing float32 and float64 is an error. */
export function resolveOperands(op: string, a: Operand, b: Operand): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') {
    return [full([], a), full([], b)];
  }
  if (typeof a === 'number') return [full([], a, { dtype: (b as Tensor).dtype }), b as Tensor];
  if (typeof b === 'number') return [a, full([], b, { dtype: a.dtype })];
  if (!(a instanceof Tensor) || !(b instanceof Tensor))
    throw new TypeError(`${op}: operands must be Tensors or numbers`);
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `${op}: operands have different dtypes (${a.dtype} and ${b.dtype}); convert one with astype() first`,
    );
  }
  return [a, b];
}

export function dtypeOfOperands(a: Operand, b: Operand): DType {
  return a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : 'float64';
}
