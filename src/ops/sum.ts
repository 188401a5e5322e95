import { sumAxes } from '../kernels/index.js';
import { Tensor, allocate, normalizeAxes, record, reducedShape, sizeOf } from '../tensor/index.js';
import { computeBroadcastTo } from './broadcastTo.js';
import { assertTensor } from './operand.js';

/** Whether a reduction keeps the reduced axes with size 1 (so the result broadcasts back). */
export interface ReduceOptions {
  /** Keep reduced axes as size 1 (default false). */
  keepDims?: boolean;
}

/** Forward of sum over axes, without recording. */
export function computeSum(x: Tensor, axes: readonly number[], keepDims: boolean): Tensor {
  const shape = reducedShape(x.shape, axes, keepDims);
  const out = allocate(x.dtype, sizeOf(shape));
  sumAxes(x.data, x.shape, axes, out);
  return new Tensor(out, shape);
}

/**
 * The sum over the given axes (all by default).
 *
 * d Σ x = dy broadcast back over the summed axes.
 */
export function sum(x: Tensor, axes?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  assertTensor('sum', x);
  const list = normalizeAxes('sum', axes, x.rank);
  const out = computeSum(x, list, options.keepDims ?? false);
  return record(out, 'sum', [x], (dy) => {
    const kept = new Tensor(dy.data, reducedShape(x.shape, list, true));
    return [computeBroadcastTo(kept, x.shape)];
  });
}
