import { ShapeError, formatShape } from '../errors.js';
import { copyAxisBlock } from '../kernels/index.js';
import { Tensor, allocate, assertSameDType, normalizeAxis, record } from '../tensor/index.js';
import { assertTensor } from './operand.js';

/**
 * Joins tensors along an axis.
 *
 * concat along `axis`; the gradient of each input is its own block of dy along that axis.
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('concat: needs at least one tensor');
  tensors.forEach((t, i) => assertTensor('concat', t, `tensor ${i}`));
  const first = tensors[0];
  const ax = normalizeAxis('concat', axis, first.rank);
  for (const t of tensors) {
    assertSameDType('concat', first.dtype, t.dtype);
    const fits = t.rank === first.rank && t.shape.every((d, i) => i === ax || d === first.shape[i]);
    if (!fits) {
      throw new ShapeError(
        `concat: shapes ${formatShape(first.shape)} and ${formatShape(t.shape)} differ outside axis ${ax}`,
      );
    }
  }
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < ax; d++) outer *= first.shape[d];
  for (let d = ax + 1; d < first.rank; d++) inner *= first.shape[d];
  const total = tensors.reduce((s, t) => s + t.shape[ax], 0);
  const shape = first.shape.map((d, i) => (i === ax ? total : d));
  const out = allocate(first.dtype, outer * total * inner);
  const starts: number[] = [];
  let at = 0;
  for (const t of tensors) {
    starts.push(at);
    copyAxisBlock(t.data, t.shape[ax], 0, out, total, at, outer, t.shape[ax], inner);
    at += t.shape[ax];
  }
  return record(new Tensor(out, shape), 'concat', tensors, (dy) =>
    tensors.map((t, i) => {
      if (!t.requiresGrad) return null;
      const g = allocate(dy.dtype, t.size);
      copyAxisBlock(dy.data, total, starts[i], g, t.shape[ax], 0, outer, t.shape[ax], inner);
      return new Tensor(g, t.shape);
    }),
  );
}
