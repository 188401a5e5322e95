import { ShapeError, formatShape } from '../errors.js';
import { Tensor, record, sizeOf, type Shape } from '../tensor/index.js';
import { assertTensor } from './operand.js';

function resolveShape(x: Tensor, shape: Shape): number[] {
  const out = [...shape];
  const unknown = out.indexOf(-1);
  if (unknown !== -1) {
    const known = out.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    out[unknown] = known === 0 ? 0 : x.size / known;
  }
  if (!out.every((d) => Number.isInteger(d) && d >= 0) || sizeOf(out) !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`,
    );
  }
  return out;
}

/**
 * The same data seen with another shape of the same size.
 *
 * d reshape(x) = dy reshaped back to x's shape. The data is shared, not copied.
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  assertTensor('reshape', x);
  const out = new Tensor(x.data, resolveShape(x, shape));
  return record(out, 'reshape', [x], (dy) => [new Tensor(dy.data, x.shape)]);
}

/** Flattens all axes after the first: [m, a, b, …] → [m, a·b·…]. */
export function flatten(x: Tensor): Tensor {
  return reshape(x, [x.shape[0] ?? 1, -1]);
}
