import { ShapeError, formatShape } from '../errors.js';
import { permute } from '../kernels/index.js';
import { Tensor, allocate, record } from '../tensor/index.js';
import { assertTensor } from './operand.js';

function computePermute(x: Tensor, perm: readonly number[]): Tensor {
  const out = allocate(x.dtype, x.size);
  permute(x.data, x.shape, perm, out);
  return new Tensor(
    out,
    perm.map((p) => x.shape[p]),
  );
}

/**
 * Permutes the axes (reverses them by default).
 *
 * d transpose(x, perm) = transpose(dy, perm⁻¹). Default perm reverses the axes.
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor('transpose', x);
  const p = perm ? [...perm] : x.shape.map((_, i) => x.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== x.rank || sorted.some((v, i) => v !== i)) {
    throw new ShapeError(
      `transpose: perm [${p.join(', ')}] is not a permutation of the axes of ${formatShape(x.shape)}`,
    );
  }
  const inverse = new Array<number>(p.length);
  p.forEach((axis, i) => (inverse[axis] = i));
  return record(computePermute(x, p), 'transpose', [x], (dy) => [computePermute(dy, inverse)]);
}
