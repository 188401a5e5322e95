import { DTypeError } from '../errors.js';

/** The two element types: float64 (the default, and always for gradient checks) and float32. */
export type DType = 'float64' | 'float32';
export type TypedArray = Float64Array | Float32Array;

export const DTYPES: readonly DType[] = ['float64', 'float32'];

export function dtypeOf(data: TypedArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}

export function assertDType(value: string, where: string): DType {
  if (value === 'float64' || value === 'float32') return value;
  throw new DTypeError(`${where}: dtype must be 'float64' or 'float32', got '${value}'`);
}

/** Both operands must share a dtype: gradlab never promotes float32 to float64 silently. */
export function assertSameDType(op: string, a: DType, b: DType): DType {
  if (a !== b) {
    throw new DTypeError(`${op}: operands have different dtypes (${a} and ${b}); convert one with astype() first`);
  }
  return a;
}
