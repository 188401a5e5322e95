import { afterEach, describe, expect, it } from 'vitest';
import { logSoftmax, setKernelBackend } from '../../src/kernels/index.js';
import { wasmActivations } from '../../src/kernels/wasm/activations.js';
import { Generator } from '../../src/random/index.js';
import { referenceExp } from './expReference.js';
import { add, type DoubleDouble } from './tanhReference.js';

// logSoftmax runs whole in WebAssembly for contiguous rows (logSoftmaxRows64: max, the exp kernel, sum,
// log) and in JavaScript around expKernel otherwise. The issue: the float64 gradient check evaluates
// it 52,000 times on 32×10 logits; it must stay as accurate, handle ±∞/NaN rows as before, give a row
// the same bits in any batch, and fall back to Math.exp.

afterEach(() => setKernelBackend('auto'));

/** Rows of k values, as [rows·k], logits-like (uniform on [−spread, spread]). */
function logits(g: Generator, rows: number, k: number, spread: number): Float64Array {
  return new Float64Array(rows * k).map(() => g.uniformRange(-spread, spread));
}

/**
 * log-softmax with the sum Σ e^(x − m) in double-double from the exp reference: logZ = m + log(Σ)
 * with log of the double-double sum as log(hi) + lo/hi, good to ≈ 2⁻¹⁰⁰ relative.
 */
function reference(x: Float64Array, rows: number, k: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let o = 0; o < rows; o++) {
    const row = x.subarray(o * k, (o + 1) * k);
    const m = Math.max(...row);
    let sum: DoubleDouble = { hi: 0, lo: 0 };
    for (const v of row) {
      const e = referenceExp(v - m); // v − m is exact here (same binade range, |v|, |m| ≤ 2^10)
      sum = add(sum, { hi: e.hi * 2 ** e.k, lo: e.lo * 2 ** e.k });
    }
    const logSum = Math.log(sum.hi) + sum.lo / sum.hi;
    for (let r = 0; r < k; r++) out[o * k + r] = row[r] - m - logSum;
  }
  return out;
}

/** The logSoftmax of before the kernel: Σ Math.exp(x − m) in order, then x − (m + log Σ). */
function mathExpLogSoftmax(x: Float64Array, rows: number, k: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let o = 0; o < rows; o++) {
    let max = Math.max(...x.subarray(o * k, (o + 1) * k));
    if (max === -Infinity) max = 0;
    let sum = 0;
    for (let r = 0; r < k; r++) sum += Math.exp(x[o * k + r] - max);
    const logZ = max + Math.log(sum);
    for (let r = 0; r < k; r++) out[o * k + r] = x[o * k + r] - logZ;
  }
  return out;
}

/**
 * The largest error in units of 2⁻⁵²·max(|x|, |y|, 1): y = x − logZ cancels, so its error is on the
 * scale of x and logZ, not of y.
 */
function worstError(computed: Float64Array, expected: Float64Array, x: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < computed.length; i++) {
    const scale = 2 ** -52 * Math.max(Math.abs(x[i]), Math.abs(expected[i]), 1);
    worst = Math.max(worst, Math.abs(computed[i] - expected[i]) / scale);
  }
  return worst;
}

const run = (x: Float64Array, rows: number, k: number) =>
  logSoftmax(x, rows, k, 1, new Float64Array(x.length)) as Float64Array;

describe.runIf(wasmActivations() !== null)('logSoftmax kernel (WebAssembly rows)', () => {
  it('is as accurate as the Math.exp version on [32, 10], [128, 10] and odd or long rows', () => {
    const g = new Generator(31);
    for (const [rows, k, spread] of [
      [32, 10, 8],
      [128, 10, 30],
      [7, 1, 5],
      [9, 3, 100],
      [5, 17, 2],
      [3, 1000, 20],
    ]) {
      const x = logits(g, rows, k, spread);
      const expected = reference(x, rows, k);
      const kernelError = worstError(run(x, rows, k), expected, x);
      const mathError = worstError(mathExpLogSoftmax(x, rows, k), expected, x);
      expect(kernelError, `[${rows}, ${k}]`).toBeLessThanOrEqual(Math.max(2, 1.25 * mathError));
    }
  });

  it('keeps what the Math.exp version did on rows with ±∞, NaN, huge and signed-zero values', () => {
    const rows = [
      [-Infinity, -Infinity, -Infinity],
      [-Infinity, 0, 1],
      [Infinity, 1, 2],
      [Number.NaN, 1, 2],
      [1, -Infinity, Number.NaN],
      [1e308, -1e308, 0],
      [-0, 0, -0],
      [1000, 1000, -1000],
      [-800, -800, -801],
    ];
    const x = Float64Array.from(rows.flat());
    const y = run(x, rows.length, 3);
    const expected = mathExpLogSoftmax(x, rows.length, 3);
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(expected[i]) || !Number.isFinite(expected[i]))
        expect(Object.is(y[i], expected[i]), `${i}`).toBe(true);
      else
        expect(Math.abs(y[i] - expected[i]), `${i}`).toBeLessThanOrEqual(2 ** -52 * Math.max(1, Math.abs(expected[i])));
    }
  });

  it('gives a row the same bits at any row of any batch, across the kernel groups of 8,192 values', () => {
    const g = new Generator(8);
    for (const k of [1, 2, 3, 10, 11]) {
      const row = logits(g, 1, k, 6);
      const alone = run(row, 1, k);
      for (const rows of [2, 5, 32, 1000]) {
        const at = Math.floor(g.uniform() * rows);
        const x = logits(g, rows, k, 6);
        x.set(row, at * k);
        expect(Array.from(run(x, rows, k).subarray(at * k, (at + 1) * k)), `k ${k}, row ${at} of ${rows}`).toEqual(
          Array.from(alone),
        );
      }
    }
  });

  it('agrees with the strided path (inner > 1) to an ulp, and works in place and in float32', () => {
    const g = new Generator(12);
    const x = logits(g, 6, 10, 8);
    // The same rows laid out as (1, 10, 6): row o, class r at r·6 + o.
    const strided = new Float64Array(60);
    for (let o = 0; o < 6; o++) for (let r = 0; r < 10; r++) strided[r * 6 + o] = x[o * 10 + r];
    const fromStrided = logSoftmax(strided, 1, 10, 6, new Float64Array(60));
    const contiguous = run(x, 6, 10);
    for (let o = 0; o < 6; o++)
      for (let r = 0; r < 10; r++)
        expect(Math.abs(fromStrided[r * 6 + o] - contiguous[o * 10 + r])).toBeLessThan(1e-15);
    const inPlace = Float64Array.from(x);
    expect(logSoftmax(inPlace, 6, 10, 1, inPlace)).toEqual(contiguous);
    const x32 = Float32Array.from(x);
    const y32 = logSoftmax(x32, 6, 10, 1, new Float32Array(60));
    expect(Array.from(y32)).toEqual(Array.from(run(Float64Array.from(x32), 6, 10)).map(Math.fround));
  });
});

describe('logSoftmax fallback', () => {
  it("uses Math.exp under setKernelBackend('js'), summed in the kernel's order, within 2 units of the version before", () => {
    setKernelBackend('js');
    const g = new Generator(13);
    const x = logits(g, 32, 10, 8);
    const y = run(x, 32, 10);
    // Math.exp, Σ over even and odd positions apart then together (the kernel's order; k = 10 is even).
    const expected = new Float64Array(320);
    for (let o = 0; o < 32; o++) {
      const row = x.subarray(o * 10, o * 10 + 10);
      const max = Math.max(...row);
      let even = 0;
      let odd = 0;
      for (let r = 0; r < 10; r += 2) {
        even += Math.exp(row[r] - max);
        odd += Math.exp(row[r + 1] - max);
      }
      for (let r = 0; r < 10; r++) expected[o * 10 + r] = row[r] - (max + Math.log(even + odd));
    }
    expect(y).toEqual(expected);
    expect(worstError(y, mathExpLogSoftmax(x, 32, 10), x)).toBeLessThanOrEqual(2);
  });
});
