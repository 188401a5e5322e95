import { Tensor, allocate, record, type DType } from '../tensor/index.js';
import { assertTensor } from './operand.js';

function cast(x: Tensor, dtype: DType): Tensor {
  const out = allocate(dtype, x.size);
  out.set(x.data);
  return new Tensor(out, x.shape);
}

/**
 * Converts a tensor to another dtype.
 *
 * d astype(x) = dy cast back to x's dtype. The explicit way to mix float32 and float64.
 */
export function astype(x: Tensor, dtype: DType): Tensor {
  assertTensor('astype', x);
  if (x.dtype === dtype) return x;
  return record(cast(x, dtype), 'astype', [x], (dy) => [cast(dy, x.dtype)]);
}
