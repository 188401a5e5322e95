import { maxAxes } from '../kernels/index.js';
import { Tensor, allocate, normalizeAxes, record, reducedShape, sizeOf } from '../tensor/index.js';
import { assertTensor } from './operand.js';
import type { ReduceOptions } from './sum.js';

/**
 * The maximum over the given axes (all by default).
 *
 * d max(x) = dy routed to the first position that attains the maximum; 0 elsewhere.
 */
export function max(x: Tensor, axes?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  assertTensor('max', x);
  const list = normalizeAxes('max', axes, x.rank);
  const shape = reducedShape(x.shape, list, options.keepDims ?? false);
  const size = sizeOf(shape);
  if (x.size === 0 && list.length > 0) throw new RangeError('max: cannot reduce an empty tensor');
  const out = allocate(x.dtype, size);
  const argmax = new Int32Array(size);
  maxAxes(x.data, x.shape, list, out, argmax);
  return record(new Tensor(out, shape), 'max', [x], (dy) => {
    const dx = allocate(x.dtype, x.size);
    for (let o = 0; o < size; o++) dx[argmax[o]] += dy.data[o];
    return [new Tensor(dx, x.shape)];
  });
}
