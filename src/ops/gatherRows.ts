import { ShapeError, formatShape } from '../errors.js';
import { gatherRows as gatherKernel, scatterAddRows } from '../kernels/index.js';
import { Tensor, allocate } from '../tensor/index.js';
import { record } from '../tensor/index.js';
import { assertTensor } from './operand.js';

/**
 * The rows of x at `indices` (a mini-batch), repeats allowed.
 *
 * gatherRows(x, idx)[r] = x[idx[r]]; its adjoint scatters: dx[idx[r]] += dy[r].
 */
export function gatherRows(x: Tensor, indices: ArrayLike<number>): Tensor {
  assertTensor('gatherRows', x);
  if (x.rank === 0) throw new ShapeError('gatherRows: cannot take rows of a scalar');
  const rows = x.shape[0];
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    if (!Number.isInteger(i) || i < 0 || i >= rows) {
      throw new ShapeError(`gatherRows: index ${i} is out of range for ${rows} rows of ${formatShape(x.shape)}`);
    }
  }
  const rowSize = rows === 0 ? 0 : x.size / rows;
  const shape = [indices.length, ...x.shape.slice(1)];
  const out = allocate(x.dtype, indices.length * rowSize);
  gatherKernel(x.data, rowSize, indices, out);
  return record(new Tensor(out, shape), 'gatherRows', [x], (dy) => {
    const dx = allocate(x.dtype, x.size);
    scatterAddRows(dy.data, rowSize, indices, dx);
    return [new Tensor(dx, x.shape)];
  });
}

/** Rows start … end−1 (a mini-batch), through gatherRows so that its gradient is the same rule. */
export function sliceRows(x: Tensor, start: number, end: number): Tensor {
  const rows = x.shape[0] ?? 0;
  const from = Math.max(0, Math.min(start, rows));
  const to = Math.max(from, Math.min(end, rows));
  const indices = new Int32Array(to - from);
  for (let i = 0; i < indices.length; i++) indices[i] = from + i;
  return gatherRows(x, indices);
}
