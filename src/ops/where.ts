import { selectBroadcast } from '../kernels/index.js';
import { Tensor, allocate, broadcastShapes, broadcastStrides, record, sizeOf } from '../tensor/index.js';
import { unbroadcast } from './elementwise.js';
import { resolveOperands, type Operand } from './operand.js';

/** Forward of where, without recording. */
function select(condition: Tensor, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes('where', broadcastShapes('where', condition.shape, a.shape), b.shape);
  const out = allocate(a.dtype, sizeOf(shape));
  selectBroadcast(
    condition.data,
    broadcastStrides(condition.shape, shape),
    a.data,
    broadcastStrides(a.shape, shape),
    b.data,
    broadcastStrides(b.shape, shape),
    shape,
    out,
  );
  return new Tensor(out, shape);
}

/**
 * Picks a where the condition is non-zero, b elsewhere.
 *
 * where(c, a, b): da = dy where c ≠ 0 (else 0), db = dy where c = 0 (else 0); c gets no gradient.
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  const [x, y] = resolveOperands('where', a, b);
  const out = select(condition, x, y);
  return record(out, 'where', [x, y], (dy) => {
    const zero = new Tensor(allocate(dy.dtype, 1), []);
    return [
      x.requiresGrad ? unbroadcast(select(condition, dy, zero), x.shape) : null,
      y.requiresGrad ? unbroadcast(select(condition, zero, dy), y.shape) : null,
    ];
  });
}

/**
 * Zeroes x where m is 0.
 *
 * A mask multiplies by 0/1: mask(x, m) = where(m, x, 0).
 */
export function mask(x: Tensor, m: Tensor): Tensor {
  return where(m, x, 0);
}
