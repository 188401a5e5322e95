import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expKernel, setKernelBackend } from '../../src/kernels/index.js';
import { wasmActivations } from '../../src/kernels/wasm/activations.js';
import { Generator } from '../../src/random/index.js';
import {
  expectChunkAndInPlaceConsistency,
  expectNonDecreasing,
  expectSameBitsAtEveryPosition,
} from './elementwiseChecks.js';
import { expUlpError, referenceExp } from './expReference.js';

// The exp kernel (assembly/activations.ts) against a double-double reference (expReference.ts), itself
// checked against mpmath. The issue: log-softmax spent ≈ 9 of its 14.7 ns per element in Math.exp during
// the tanh MLP's full gradient check; the kernel that replaces it must be as trustworthy: ≤ 1 ulp, exact
// at 0, monotone, deterministic, and right on overflow, underflow and subnormal results.

afterEach(() => setKernelBackend('auto'));

// exp at 200 doubles by mpmath at 300 bits, as [x, k, hi, lo]: exp(x) = (hi + lo)·2^k (make_exp.py).
const fixture: { rows: [number, number, number, number][] } = JSON.parse(
  readFileSync(new URL('../fixtures/mpmath/exp.json', import.meta.url), 'utf8'),
);

const exp64 = (x: Float64Array) => expKernel(x, new Float64Array(x.length));
const exp32 = (x: Float32Array) => expKernel(x, new Float32Array(x.length));

/**
 * 1.2·10⁶ doubles: uniform over the whole finite range [−745, 709.78], uniform on [−30, 30] (logits),
 * ±2^u towards 0, dense on [−1, 1] (where k changes at ±ln2/2), and the subnormal results.
 */
function accuracySample(): Float64Array {
  const g = new Generator(22);
  const per = 200_000;
  const draws = [
    () => g.uniformRange(-745, 709.78),
    () => g.uniformRange(-30, 30),
    () => (g.uniform() < 0.5 ? -1 : 1) * 2 ** g.uniformRange(-60, 0),
    () => g.uniformRange(-1, 1),
    () => g.uniformRange(-0.35, -0.34),
    () => g.uniformRange(-745.13, -708.4),
  ];
  const xs = new Float64Array(draws.length * per);
  draws.forEach((draw, d) => {
    for (let i = 0; i < per; i++) xs[d * per + i] = draw();
  });
  return xs;
}

function maxUlpError(xs: Float64Array, ys: Float64Array | Float32Array, bits: 53 | 24) {
  let worst = { error: 0, x: 0 };
  for (let i = 0; i < xs.length; i++) {
    const error = expUlpError(ys[i], xs[i], bits);
    if (!(error <= worst.error)) worst = { error, x: xs[i] };
  }
  return worst;
}

/** `count` adjacent doubles centred on `centre`, increasing. */
function adjacentDoubles(centre: number, count: number): Float64Array {
  const xs = new Float64Array(count);
  const bits = new BigInt64Array(xs.buffer);
  xs[0] = centre;
  // Stepping the bits moves away from 0; start half a run below (towards −∞) and step towards +∞.
  for (let i = 1; i < count; i++) bits[i] = bits[i - 1] + (xs[i - 1] >= 0 ? 1n : -1n);
  const upper = Array.from(xs);
  xs[0] = centre;
  for (let i = 1; i < count; i++) bits[i] = bits[i - 1] + (xs[i - 1] > 0 ? -1n : 1n);
  const lower = Array.from(xs).reverse();
  return Float64Array.from([...lower, ...upper.slice(1)]).filter((v) => !Number.isNaN(v));
}

describe('the double-double exp reference', () => {
  it('agrees with mpmath (300 bits) to 2⁻⁹⁰ relative at 200 points, subnormal and huge results included', () => {
    for (const [x, k, hi, lo] of fixture.rows) {
      const ref = referenceExp(x);
      const scale = 2 ** (ref.k - k); // both scaled values near 1: |ref.k − k| ≤ 1
      const difference = Math.abs(ref.hi * scale - hi + (ref.lo * scale - lo));
      expect(difference, `x = ${x}`).toBeLessThanOrEqual(2 ** -90 * hi);
    }
  });
});

describe.runIf(wasmActivations() !== null)('exp kernel, float64', () => {
  it('is within 1 ulp of the reference at 1.2·10⁶ points over [−745.13, 709.78], subnormal results included', () => {
    const xs = accuracySample();
    const worst = maxUlpError(xs, exp64(xs), 53);
    expect(worst.error, `worst at x = ${worst.x}`).toBeLessThanOrEqual(1);
  });

  it('keeps the special values: exp(±0) = 1, ±∞, NaN, overflow, underflow to 0', () => {
    const xs = new Float64Array([0, -0, Infinity, -Infinity, Number.NaN, 709.782712893384, 709.7827128933841]);
    const ys = exp64(xs);
    expect(Array.from(ys.subarray(0, 4))).toEqual([1, 1, Infinity, 0]);
    expect(Number.isNaN(ys[4])).toBe(true);
    expect(ys[5]).toBe(Math.exp(709.782712893384)); // the largest finite result, 1.797…e308
    expect(ys[6]).toBe(Infinity);
    const over = new Float64Array([709.8, 710, 800, 1e300, Number.MAX_VALUE]);
    expect(Array.from(exp64(over))).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity]);
    // e^x < 2⁻¹⁰⁷⁵ rounds to 0 below −745.1332…; just above, the smallest subnormal.
    const under = new Float64Array([-745.14, -746, -800, -1e300, -Number.MAX_VALUE, -745.13]);
    expect(Array.from(exp64(under))).toEqual([0, 0, 0, 0, 0, 2 ** -1074]);
    const tiny = new Float64Array([2 ** -1074, -(2 ** -1074), 2 ** -60, -(2 ** -53)]);
    expect(Array.from(exp64(tiny))).toEqual([1, 1, 1, 1 - 2 ** -53]);
  });

  it('rounds subnormal results once: within 1 ulp of 2⁻¹⁰⁷⁴, and as close as Math.exp', () => {
    const g = new Generator(4);
    const xs = new Float64Array(100_000).map(() => g.uniformRange(-745.13, -708.4));
    const ys = exp64(xs);
    let kernelWorst = 0;
    let mathWorst = 0;
    for (let i = 0; i < xs.length; i++) {
      kernelWorst = Math.max(kernelWorst, expUlpError(ys[i], xs[i], 53));
      mathWorst = Math.max(mathWorst, expUlpError(Math.exp(xs[i]), xs[i], 53));
    }
    expect(kernelWorst).toBeLessThanOrEqual(Math.max(mathWorst, 0.8));
  });

  it('is monotone on dense sweeps and on runs of adjacent doubles where k changes', () => {
    const sweep = new Float64Array(1_000_001).map((_, i) => -745.2 + i * 1.455e-3);
    expectNonDecreasing(sweep, exp64(sweep));
    const near = new Float64Array(1_000_001).map((_, i) => -2 + i * 4e-6);
    expectNonDecreasing(near, exp64(near));
    // Runs of 20 000 adjacent doubles around 0, the changes of k ((k + ½)·ln2), the clamps, underflow.
    const centres = [0, 1e-8, -1e-8, 709.78, -708.3964185322641, -745.1332191019411, -745.13];
    for (let k = -1074; k <= 1023; k += k > -20 && k < 20 ? 1 : 37) centres.push((k + 0.5) * Math.LN2);
    const g = new Generator(5);
    for (let i = 0; i < 20; i++) centres.push(g.uniformRange(-30, 30));
    for (const centre of centres) {
      const run = adjacentDoubles(centre, 10_000);
      expectNonDecreasing(run, exp64(run));
    }
  });

  it('gives the same bits for a value at every position of arrays of length 1…17 (and longer), on every call', () => {
    expectSameBitsAtEveryPosition(
      exp64,
      [0.3, -0.3465735902799726, 1e-300, -30, 700, -740, Number.NaN],
      new Generator(9),
      40,
    );
  });

  it('works in place and across the loader chunks of 8,192 values', () => {
    expectChunkAndInPlaceConsistency(expKernel, accuracySample().subarray(0, 20_001));
  });
});

describe.runIf(wasmActivations() !== null)('exp kernel, float32', () => {
  it('is within 1 ulp of float32 at 4·10⁵ float32 points (results from subnormal to 2¹²⁸), and monotone', () => {
    const g = new Generator(23);
    const xs = new Float32Array(400_000).map((_, i) => (i % 2 ? g.uniformRange(-104, 88.72) : g.uniformRange(-30, 30)));
    const ys = exp32(xs);
    const worst = maxUlpError(Float64Array.from(xs), ys, 24);
    expect(worst.error, `worst at x = ${worst.x}`).toBeLessThanOrEqual(1);
    const sorted = Float32Array.from(xs).sort();
    expectNonDecreasing(sorted, exp32(sorted));
  });

  it('keeps the special values and gives the same bits at every position', () => {
    const xs = new Float32Array([0, -0, Infinity, -Infinity, Number.NaN, 88.8, -104, 2 ** -149]);
    const ys = exp32(xs);
    expect(Array.from(ys.subarray(0, 4))).toEqual([1, 1, Infinity, 0]);
    expect(Number.isNaN(ys[4])).toBe(true);
    expect([ys[5], ys[6], ys[7]]).toEqual([Infinity, 0, 1]);
    const expected = exp32(new Float32Array([0.7]))[0];
    for (let length = 1; length <= 17; length++) {
      for (let position = 0; position < length; position++) {
        const row = new Float32Array(length).fill(-2.5);
        row[position] = 0.7;
        expect(exp32(row)[position]).toBe(expected);
      }
    }
  });
});

describe('exp kernel fallback', () => {
  it("is Math.exp per element under setKernelBackend('js')", () => {
    setKernelBackend('js');
    const xs = accuracySample().subarray(0, 10_000);
    expect(exp64(xs)).toEqual(xs.map(Math.exp));
    const x32 = Float32Array.from(xs.subarray(0, 1000).map((v) => v / 10));
    expect(exp32(x32)).toEqual(x32.map(Math.exp));
  });
});
