import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setKernelBackend, tanhKernel } from '../../src/kernels/index.js';
import { wasmActivations } from '../../src/kernels/wasm/activations.js';
import { Generator } from '../../src/random/index.js';
import {
  expectChunkAndInPlaceConsistency,
  expectNonDecreasing,
  expectSameBitsAtEveryPosition,
} from './elementwiseChecks.js';
import { referenceTanh, ulpError } from './tanhReference.js';

// The tanh kernel (assembly/activations.ts) against a double-double reference (tanhReference.ts), which is
// itself checked against mpmath. The issue: a tanh MLP's gradient check spent ≈40 % of its time in
// Math.tanh; the kernel that replaces it must be as trustworthy: ≤ 2 ulp, odd, monotone, deterministic.

afterEach(() => setKernelBackend('auto'));

// tanh at 200 doubles by mpmath at 300 bits, as [x, hi, lo] (made by test/fixtures/mpmath/make_tanh.py).
const fixture: { rows: [number, number, number][] } = JSON.parse(
  readFileSync(new URL('../fixtures/mpmath/tanh.json', import.meta.url), 'utf8'),
);

const tanh64 = (x: Float64Array) => tanhKernel(x, new Float64Array(x.length));
const tanh32 = (x: Float32Array) => tanhKernel(x, new Float32Array(x.length));

/**
 * 10⁶ doubles over |x| ∈ [0, 25], random signs: uniform, log-uniform towards 0, and dense around the
 * places where things can go wrong: the branch junction 0.55, 0.85 (where a junction was tried and
 * failed the monotonicity test), and saturation near 20.
 */
function accuracySample(): Float64Array {
  const g = new Generator(21);
  const per = 200_000;
  const xs = new Float64Array(5 * per);
  for (let i = 0; i < per; i++) {
    xs[i] = g.uniformRange(0, 25);
    xs[per + i] = 2 ** g.uniformRange(-60, 0);
    xs[2 * per + i] = g.uniformRange(0.5, 0.6);
    xs[3 * per + i] = g.uniformRange(0.8, 0.9);
    xs[4 * per + i] = g.uniformRange(18, 22);
  }
  for (let i = 0; i < xs.length; i++) if (g.uniform() < 0.5) xs[i] = -xs[i];
  return xs;
}

function maxUlpError(xs: Float64Array, ys: Float64Array | Float32Array, bits: 53 | 24) {
  let worst = { error: 0, x: 0 };
  for (let i = 0; i < xs.length; i++) {
    const error = ulpError(ys[i], referenceTanh(xs[i]), bits);
    if (!(error <= worst.error)) worst = { error, x: xs[i] };
  }
  return worst;
}

/** `count` consecutive doubles starting at `start`. */
function adjacentDoubles(start: number, count: number): Float64Array {
  const xs = new Float64Array(count);
  const bits = new BigInt64Array(xs.buffer);
  xs[0] = start;
  for (let i = 1; i < count; i++) bits[i] = bits[i - 1] + (start >= 0 ? 1n : -1n);
  return start >= 0 ? xs : xs.reverse();
}

describe('the double-double reference', () => {
  it('agrees with mpmath (300 bits) to 2⁻⁹⁰ relative at 200 points', () => {
    for (const [x, hi, lo] of fixture.rows) {
      const ref = referenceTanh(x);
      const difference = Math.abs(ref.hi - hi + (ref.lo - lo));
      expect(difference, `x = ${x}`).toBeLessThanOrEqual(2 ** -90 * Math.abs(hi));
    }
  });
});

describe.runIf(wasmActivations() !== null)('tanh kernel, float64', () => {
  it('is within 2 ulp of the reference at 10⁶ points (|x| ≤ 25, dense near 0, 0.55, 0.85, 20)', () => {
    const xs = accuracySample();
    const worst = maxUlpError(xs, tanh64(xs), 53);
    expect(worst.error, `worst at x = ${worst.x}`).toBeLessThanOrEqual(2);
  });

  it('keeps the special values: ±0 with their sign, subnormals, ±∞, NaN, saturation', () => {
    const tiny = [2 ** -1074, 2 ** -1060, 2 ** -1022 - 2 ** -1074, 2 ** -1022, 2 ** -600, 2 ** -28];
    const xs = new Float64Array([0, -0, Infinity, -Infinity, Number.NaN, ...tiny, ...tiny.map((v) => -v)]);
    const ys = tanh64(xs);
    expect(Object.is(ys[0], 0)).toBe(true);
    expect(Object.is(ys[1], -0)).toBe(true);
    expect([ys[2], ys[3]]).toEqual([1, -1]);
    expect(Number.isNaN(ys[4])).toBe(true);
    for (let i = 5; i < xs.length; i++) expect(ys[i]).toBe(xs[i]); // tanh x = x to within half an ulp
    const saturated = new Float64Array([22, 22.5, 30, 710, 1e300, Number.MAX_VALUE, -22, -1e300]);
    expect(Array.from(tanh64(saturated))).toEqual([1, 1, 1, 1, 1, 1, -1, -1]);
  });

  it('gives ±1 exactly wherever Math.tanh does (a dense sweep of 18…23)', () => {
    const xs = new Float64Array(200_001).map((_, i) => 18 + i * 2.5e-5);
    const ys = tanh64(xs);
    for (let i = 0; i < xs.length; i++) if (Math.tanh(xs[i]) === 1) expect(ys[i]).toBe(1);
  });

  it('is odd bit for bit: tanh(−x) = −tanh(x)', () => {
    const xs = accuracySample();
    const ys = tanh64(xs);
    const negated = tanh64(xs.map((v) => -v));
    for (let i = 0; i < xs.length; i++)
      if (!Object.is(negated[i], -ys[i])) expect([xs[i], negated[i]]).toEqual([xs[i], -ys[i]]);
  });

  it('is monotone on dense sweeps: 10⁶ steps over [−25, 25], and runs of adjacent doubles', () => {
    const sweep = new Float64Array(1_000_001).map((_, i) => -25 + i * 5e-5);
    expectNonDecreasing(sweep, tanh64(sweep));
    // Runs of 30 000 adjacent doubles across the branch junction (0.55, and 0.85), the places where the range
    // reduction's k changes (2x = (k + ½)·ln2), saturation (19.06), near 0 and at random places.
    const starts = [0.55, -0.55, 0.85, -0.85, 19.06, 1e-8, 0.25, 0.5, 1, 2, -3.7];
    for (let k = 1; k <= 63; k++) starts.push(((k + 0.5) * Math.LN2) / 2);
    const g = new Generator(5);
    for (let i = 0; i < 20; i++) starts.push(g.uniformRange(-20, 20));
    for (const centre of starts) {
      const xs = adjacentDoubles(centre, 20_000);
      const lower = adjacentDoubles(-centre, 10_000).map((v) => -v); // the doubles just below centre
      const run = Float64Array.from([...lower.reverse(), ...xs]).sort();
      expectNonDecreasing(run, tanh64(run));
    }
  });

  it('gives the same bits for a value at every position of arrays of length 1…17 (and longer), on every call', () => {
    expectSameBitsAtEveryPosition(
      tanh64,
      [0.3, 0.549999, 0.55, 0.85, -5, 21.9, 1e-300, Number.NaN],
      new Generator(9),
      4,
    );
  });

  it('works in place and across the loader chunks of 8,192 values', () => {
    expectChunkAndInPlaceConsistency(tanhKernel, accuracySample().subarray(0, 20_001));
  });
});

describe.runIf(wasmActivations() !== null)('tanh kernel, float32', () => {
  it('is within 2 ulp of float32 at 10⁶ float32 points, odd and monotone', () => {
    const xs = Float32Array.from(accuracySample());
    const ys = tanh32(xs);
    const worst = maxUlpError(Float64Array.from(xs), ys, 24);
    expect(worst.error, `worst at x = ${worst.x}`).toBeLessThanOrEqual(2);
    const negated = tanh32(xs.map((v) => -v));
    for (let i = 0; i < xs.length; i++)
      if (!Object.is(negated[i], -ys[i])) expect([xs[i], negated[i]]).toEqual([xs[i], -ys[i]]);
    const sorted = Float32Array.from(xs).sort();
    expectNonDecreasing(sorted, tanh32(sorted));
  });

  it('keeps the special values and gives the same bits at every position', () => {
    const xs = new Float32Array([0, -0, Infinity, -Infinity, Number.NaN, 2 ** -149, -(2 ** -149), 2 ** -126, 9.5, 40]);
    const ys = tanh32(xs);
    expect(Object.is(ys[0], 0) && Object.is(ys[1], -0)).toBe(true);
    expect([ys[2], ys[3], ys[8], ys[9]]).toEqual([1, -1, 1, 1]);
    expect(Number.isNaN(ys[4])).toBe(true);
    expect([ys[5], ys[6], ys[7]]).toEqual([2 ** -149, -(2 ** -149), 2 ** -126]);
    const expected = tanh32(new Float32Array([0.7]))[0];
    for (let length = 1; length <= 17; length++) {
      for (let position = 0; position < length; position++) {
        const row = new Float32Array(length).fill(-2.5);
        row[position] = 0.7;
        expect(tanh32(row)[position]).toBe(expected);
      }
    }
  });
});

describe('tanh kernel fallback', () => {
  it("is Math.tanh per element under setKernelBackend('js')", () => {
    setKernelBackend('js');
    const xs = accuracySample().subarray(0, 10_000);
    expect(tanh64(xs)).toEqual(xs.map(Math.tanh));
  });
});
