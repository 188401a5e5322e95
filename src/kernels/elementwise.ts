import type { FloatArray } from './types.js';

export type UnaryFn = (x: number) => number;
export type BinaryFn = (x: number, y: number) => number;

export function mapUnary(fn: UnaryFn, a: FloatArray, out: FloatArray): FloatArray {
  for (let i = 0; i < a.length; i++) out[i] = fn(a[i]);
  return out;
}

function isContiguous(strides: readonly number[], shape: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/**
 * out[idx] = fn(a[idx·aStrides], b[idx·bStrides]) over every multi-index of outShape. Strides of 0
 * express broadcasting. The innermost axis runs in a tight loop; outer axes advance like an odometer.
 */
export function binaryBroadcast(
  fn: BinaryFn,
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  outShape: readonly number[],
  out: FloatArray,
): FloatArray {
  const size = out.length;
  if (size === 0) return out;
  const aFull = a.length === size && isContiguous(aStrides, outShape);
  const bFull = b.length === size && isContiguous(bStrides, outShape);
  if (aFull && bFull) {
    for (let i = 0; i < size; i++) out[i] = fn(a[i], b[i]);
    return out;
  }
  if (aFull && b.length === 1) {
    const y = b[0];
    for (let i = 0; i < size; i++) out[i] = fn(a[i], y);
    return out;
  }
  if (bFull && a.length === 1) {
    const x = a[0];
    for (let i = 0; i < size; i++) out[i] = fn(x, b[i]);
    return out;
  }
  const rank = outShape.length;
  const last = rank - 1;
  const inner = outShape[last];
  const sa = aStrides[last];
  const sb = bStrides[last];
  const index = new Array<number>(rank).fill(0);
  let offA = 0;
  let offB = 0;
  for (let o = 0; o < size; o += inner) {
    for (let j = 0, ia = offA, ib = offB; j < inner; j++, ia += sa, ib += sb) out[o + j] = fn(a[ia], b[ib]);
    for (let d = last - 1; d >= 0; d--) {
      index[d]++;
      offA += aStrides[d];
      offB += bStrides[d];
      if (index[d] < outShape[d]) break;
      offA -= aStrides[d] * outShape[d];
      offB -= bStrides[d] * outShape[d];
      index[d] = 0;
    }
  }
  return out;
}

/** out = cond ≠ 0 ? a : b, with broadcasting of all three to outShape. */
export function selectBroadcast(
  cond: FloatArray,
  cStrides: readonly number[],
  a: FloatArray,
  aStrides: readonly number[],
  b: FloatArray,
  bStrides: readonly number[],
  outShape: readonly number[],
  out: FloatArray,
): FloatArray {
  const rank = outShape.length;
  const index = new Array<number>(rank).fill(0);
  let offC = 0;
  let offA = 0;
  let offB = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = cond[offC] !== 0 ? a[offA] : b[offB];
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      offC += cStrides[d];
      offA += aStrides[d];
      offB += bStrides[d];
      if (index[d] < outShape[d]) break;
      offC -= cStrides[d] * outShape[d];
      offA -= aStrides[d] * outShape[d];
      offB -= bStrides[d] * outShape[d];
      index[d] = 0;
    }
  }
  return out;
}
