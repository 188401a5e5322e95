export { Tensor, type NestedArray } from './tensor.js';
export { type DType, type TypedArray, DTYPES, dtypeOf, assertSameDType, assertDType } from './dtype.js';
export * from './shape.js';
export {
  tensor,
  full,
  zeros,
  ones,
  zerosLike,
  onesLike,
  arange,
  eye,
  randn,
  rand,
  flattenValues,
  type CreateOptions,
  type RandomOptions,
} from './create.js';
export { record, isGradEnabled, withGradMode, type GraphNode } from './graph.js';
export { allocate, withBufferScope, bufferPool } from './pool.js';
