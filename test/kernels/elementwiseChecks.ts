// Checks shared by the elementwise kernels' tests (tanh.test.ts, exp.test.ts): monotonicity, and the
// same bits for a value wherever it sits, whatever the array's length, chunking or aliasing.
import { expect } from 'vitest';
import type { FloatArray } from '../../src/kernels/index.js';
import type { Generator } from '../../src/random/index.js';

export function expectNonDecreasing(xs: FloatArray, ys: FloatArray): void {
  let drops = 0;
  let first = -1;
  for (let i = 1; i < ys.length; i++) {
    if (ys[i] < ys[i - 1]) {
      if (first < 0) first = i;
      drops++;
    }
  }
  expect({ drops, at: first < 0 ? null : xs[first] }).toEqual({ drops: 0, at: null });
}

/**
 * Each value gives the bits it gives alone at every position of arrays of length 1…17 and on both sides
 * of the loader's short-array copy (64), among neighbours uniform on [−spread, spread].
 */
export function expectSameBitsAtEveryPosition(
  kernel: (x: Float64Array) => FloatArray,
  values: number[],
  g: Generator,
  spread: number,
): void {
  for (const value of values) {
    const expected = kernel(new Float64Array([value]))[0];
    for (const length of [...Array.from({ length: 17 }, (_, i) => i + 1), 63, 64, 65, 101]) {
      for (let position = 0; position < length; position++) {
        const xs = new Float64Array(length).map(() => g.uniformRange(-spread, spread));
        xs[position] = value;
        expect(Object.is(kernel(xs)[position], expected), `${value} at ${position} of ${length}`).toBe(true);
      }
    }
  }
}

/** The same bits across the loader's chunks of 8,192 values, and in place (out = x). */
export function expectChunkAndInPlaceConsistency(
  kernel: (x: Float64Array, out: Float64Array) => FloatArray,
  xs: Float64Array,
): void {
  const expected = kernel(xs, new Float64Array(xs.length));
  for (const i of [0, 8191, 8192, 8193, 16_383, 16_384, 20_000]) {
    const alone = kernel(xs.subarray(i, i + 1), new Float64Array(1))[0];
    expect(Object.is(expected[i], alone), `position ${i}`).toBe(true);
  }
  const inPlace = Float64Array.from(xs);
  expect(kernel(inPlace, inPlace)).toEqual(expected);
}
