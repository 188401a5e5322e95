import type { FloatArray } from './types.js';

/**
 * Splits a reduction into (outer, reduced, inner) loops when the reduced axes are contiguous, which
 * covers row sums, column sums and whole-tensor sums without an odometer.
 */
function contiguousSplit(shape: readonly number[], axes: readonly number[]): [number, number, number] | null {
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1] + 1) return null;
  let outer = 1;
  let reduced = 1;
  let inner = 1;
  for (let d = 0; d < shape.length; d++) {
    if (axes.length > 0 && d < axes[0]) outer *= shape[d];
    else if (axes.includes(d)) reduced *= shape[d];
    else inner *= shape[d];
  }
  return [outer, reduced, inner];
}

/** Output offset of every input element when `axes` are reduced (the general, odometer path). */
function forEachReduced(
  shape: readonly number[],
  axes: readonly number[],
  visit: (inputIndex: number, outputIndex: number) => void,
): void {
  const rank = shape.length;
  const outStrides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let d = rank - 1; d >= 0; d--) {
    if (!axes.includes(d)) {
      outStrides[d] = s;
      s *= shape[d];
    }
  }
  const index = new Array<number>(rank).fill(0);
  let total = 1;
  for (const d of shape) total *= d;
  let o = 0;
  for (let i = 0; i < total; i++) {
    visit(i, o);
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      o += outStrides[d];
      if (index[d] < shape[d]) break;
      o -= outStrides[d] * shape[d];
      index[d] = 0;
    }
  }
}

export function sumAxes(a: FloatArray, shape: readonly number[], axes: readonly number[], out: FloatArray): FloatArray {
  out.fill(0);
  const split = contiguousSplit(shape, axes);
  if (split) {
    const [outer, reduced, inner] = split;
    for (let o = 0; o < outer; o++) {
      const base = o * reduced * inner;
      const outBase = o * inner;
      if (inner === 1) {
        let acc = 0;
        for (let r = 0; r < reduced; r++) acc += a[base + r];
        out[outBase] = acc;
      } else {
        for (let r = 0; r < reduced; r++) {
          const row = base + r * inner;
          for (let j = 0; j < inner; j++) out[outBase + j] += a[row + j];
        }
      }
    }
    return out;
  }
  forEachReduced(shape, axes, (i, o) => {
    out[o] += a[i];
  });
  return out;
}

/** Maximum over `axes`; `argmax` receives the flat input index of the first maximum of each slot. */
export function maxAxes(
  a: FloatArray,
  shape: readonly number[],
  axes: readonly number[],
  out: FloatArray,
  argmax: Int32Array,
): FloatArray {
  out.fill(-Infinity);
  argmax.fill(-1);
  forEachReduced(shape, axes, (i, o) => {
    const v = a[i];
    // NaN propagates: a NaN becomes the maximum and stays.
    if (argmax[o] === -1 || v > out[o] || (Number.isNaN(v) && !Number.isNaN(out[o]))) {
      out[o] = v;
      argmax[o] = i;
    }
  });
  return out;
}
