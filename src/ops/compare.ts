import { maxAxes } from '../kernels/index.js';
import { Tensor, normalizeAxis, reducedShape, sizeOf, allocate } from '../tensor/index.js';
import { computeBinary } from './elementwise.js';
import { assertTensor, resolveOperands, type Operand } from './operand.js';

// Comparisons and argmax are not differentiable: they return 0/1 or index tensors and record nothing.

/** Elementwise a > b as 0/1. */
export function greater(a: Operand, b: Operand): Tensor {
  const [x, y] = resolveOperands('greater', a, b);
  return computeBinary('greater', (p, q) => (p > q ? 1 : 0), x, y);
}

/** Elementwise a < b as 0/1. */
export function less(a: Operand, b: Operand): Tensor {
  const [x, y] = resolveOperands('less', a, b);
  return computeBinary('less', (p, q) => (p < q ? 1 : 0), x, y);
}

/** Elementwise a = b as 0/1. */
export function equal(a: Operand, b: Operand): Tensor {
  const [x, y] = resolveOperands('equal', a, b);
  return computeBinary('equal', (p, q) => (p === q ? 1 : 0), x, y);
}

/** Index of the first maximum along `axis` (as numbers in the input's dtype). */
export function argmax(x: Tensor, axis = -1): Tensor {
  assertTensor('argmax', x);
  const ax = normalizeAxis('argmax', axis, x.rank);
  const shape = reducedShape(x.shape, [ax], false);
  const size = sizeOf(shape);
  const values = allocate(x.dtype, size);
  const flat = new Int32Array(size);
  maxAxes(x.data, x.shape, [ax], values, flat);
  let inner = 1;
  for (let d = ax + 1; d < x.rank; d++) inner *= x.shape[d];
  const out = allocate(x.dtype, size);
  for (let o = 0; o < size; o++) out[o] = Math.floor(flat[o] / inner) % x.shape[ax];
  return new Tensor(out, shape);
}
