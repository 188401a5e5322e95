import { ShapeError, formatShape } from '../errors.js';
import { binaryBroadcast } from '../kernels/index.js';
import {
  Tensor,
  allocate,
  broadcastShapes,
  broadcastStrides,
  record,
  sameShape,
  sizeOf,
  type Shape,
} from '../tensor/index.js';
import { unbroadcast } from './elementwise.js';

/** Forward of broadcastTo, without recording. */
export function computeBroadcastTo(x: Tensor, shape: Shape): Tensor {
  const target = broadcastShapes('broadcastTo', x.shape, shape);
  if (!sameShape(target, shape)) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  const out = allocate(x.dtype, sizeOf(shape));
  const zero = allocate(x.dtype, 1);
  binaryBroadcast(
    (v) => v,
    x.data,
    broadcastStrides(x.shape, shape),
    zero,
    shape.map(() => 0),
    shape,
    out,
  );
  return new Tensor(out, shape);
}

/**
 * Repeats x along new or size-1 axes to `shape` (NumPy rules).
 *
 * d broadcastTo(x) = dy summed over the broadcast axes.
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  const out = computeBroadcastTo(x, shape);
  return record(out, 'broadcastTo', [x], (dy) => [unbroadcast(dy, x.shape)]);
}
