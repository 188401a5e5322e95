import type { FloatArray } from './types.js';

/** out = a with its axes permuted: out axis i is input axis perm[i]. */
export function permute(a: FloatArray, shape: readonly number[], perm: readonly number[], out: FloatArray): FloatArray {
  const rank = shape.length;
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let d = rank - 1; d >= 0; d--) {
    inStrides[d] = s;
    s *= shape[d];
  }
  if (rank === 2 && perm[0] === 1) {
    const [r, c] = shape;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
    return out;
  }
  const outShape = perm.map((p) => shape[p]);
  const strides = perm.map((p) => inStrides[p]);
  const index = new Array<number>(rank).fill(0);
  let off = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = a[off];
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      off += strides[d];
      if (index[d] < outShape[d]) break;
      off -= strides[d] * outShape[d];
      index[d] = 0;
    }
  }
  return out;
}

/** out row r = a row indices[r]; rows have `rowSize` elements. */
export function gatherRows(a: FloatArray, rowSize: number, indices: ArrayLike<number>, out: FloatArray): FloatArray {
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r] * rowSize;
    out.set(a.subarray(src, src + rowSize), r * rowSize);
  }
  return out;
}

/** out row indices[r] += a row r (the adjoint of gatherRows; repeated indices add up). */
export function scatterAddRows(
  a: FloatArray,
  rowSize: number,
  indices: ArrayLike<number>,
  out: FloatArray,
): FloatArray {
  for (let r = 0; r < indices.length; r++) {
    const dst = indices[r] * rowSize;
    const src = r * rowSize;
    for (let j = 0; j < rowSize; j++) out[dst + j] += a[src + j];
  }
  return out;
}

/**
 * Copies a block of `len` positions along an axis laid out as (outer, axisLen, inner) between two
 * tensors: from `src` at axis offset `srcStart` to `dst` at axis offset `dstStart`.
 */
export function copyAxisBlock(
  src: FloatArray,
  srcAxisLen: number,
  srcStart: number,
  dst: FloatArray,
  dstAxisLen: number,
  dstStart: number,
  outer: number,
  len: number,
  inner: number,
): void {
  const block = len * inner;
  for (let o = 0; o < outer; o++) {
    const s = (o * srcAxisLen + srcStart) * inner;
    const d = (o * dstAxisLen + dstStart) * inner;
    dst.set(src.subarray(s, s + block), d);
  }
}
