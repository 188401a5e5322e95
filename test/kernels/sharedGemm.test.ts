import { describe, expect, it } from 'vitest';
import { matmulJs } from '../../src/kernels/index.js';
import type { FloatArray } from '../../src/kernels/types.js';
import { type Epilogue, matmulWasm, wasmGemm } from '../../src/kernels/wasm/gemm.js';
import {
  CONTROL,
  CONTROL_SLOTS,
  claim,
  createSharedGemmMemory,
  instantiateSharedGemm,
  SharedGemm,
} from '../../src/kernels/wasm/sharedGemm.js';
import { Generator } from '../../src/random/index.js';

// The calling thread's side of a two-thread product, driven in one thread: the "helper" is played by
// code that claims pieces and then never finishes them, as a helper would that the OS descheduled. The
// caller must compute those pieces itself and still give the bits of the one-thread kernel.

function random(dtype: 'float32' | 'float64', length: number, seed: number): FloatArray {
  const g = new Generator(seed);
  const out = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = g.normal();
  return out;
}

function sharedGemm(onPublished?: (job: number, control: Int32Array) => void): SharedGemm {
  const gemm = instantiateSharedGemm(createSharedGemmMemory());
  if (!gemm) throw new Error('shared WebAssembly memory is not available');
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  return new SharedGemm(gemm, control, (job) => onPublished?.(job, control));
}

function oneThread(
  a: FloatArray,
  b: FloatArray,
  [m, k, n]: number[],
  ta: boolean,
  tb: boolean,
  epilogue: Epilogue | null = null,
): FloatArray {
  const gemm = wasmGemm();
  if (!gemm) throw new Error('WebAssembly SIMD is not available');
  const out = a instanceof Float64Array ? new Float64Array(m * n) : new Float32Array(m * n);
  return matmulWasm(gemm, a, b, out, m, k, n, ta, tb, epilogue);
}

/** The reference: the JavaScript kernel, then + bias and max(·, 0) in JavaScript, in the array's precision. */
function reference(
  a: FloatArray,
  b: FloatArray,
  [m, k, n]: number[],
  ta: boolean,
  tb: boolean,
  epilogue: Epilogue | null,
) {
  const out = a instanceof Float64Array ? new Float64Array(m * n) : new Float32Array(m * n);
  matmulJs(a, b, out, m, k, n, ta, tb);
  for (let i = 0; i < m * n; i++) {
    if (epilogue?.bias) out[i] += epilogue.bias[i % n];
    if (epilogue?.relu) out[i] = Math.max(out[i], 0);
  }
  return out;
}

const same = (x: FloatArray, y: FloatArray) => Buffer.from(x.buffer).equals(Buffer.from(y.buffer));

describe('SharedGemm (the calling thread of a two-thread product)', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: computes the pieces a stalled helper claimed, with the one-thread bits`, () => {
      // A block of rows of A and two chunks of columns claimed by nobody who will finish them.
      const stalled = { rows: 0, columns: 0 };
      const shared = sharedGemm((job, control) => {
        if (claim(control, CONTROL.nextRows, job, 100) >= 0) stalled.rows++;
        for (let i = 0; i < 2; i++) if (claim(control, CONTROL.nextColumns, job, 100) >= 0) stalled.columns++;
      });
      // The dense layer's epilogues too: a helper that claimed a piece may still be writing it while the
      // caller computes it, so the bias must not be added twice (the kernels add it before storing).
      for (const [shape, ta, tb, epilogue] of [
        [[130, 97, 75], false, true, null],
        [[37, 300, 203], true, false, 'bias'],
        [[128, 784, 256], false, true, 'bias+relu'],
        [[64, 128, 64], false, false, 'relu'],
      ] as const) {
        const [m, k, n] = shape;
        const a = random(dtype, m * k, m);
        const b = random(dtype, k * n, n);
        const bias = epilogue?.startsWith('bias') ? random(dtype, n, 7) : null;
        const fused = epilogue ? { bias, relu: epilogue.endsWith('relu') } : null;
        const out = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
        expect(shared.multiply(a, b, out, m, k, n, ta, tb, fused)).toBe(true);
        expect(same(out, oneThread(a, b, [...shape], ta, tb, fused))).toBe(true);
        const expected = reference(a, b, [...shape], ta, tb, fused);
        const tolerance = dtype === 'float32' ? 1e-3 : 1e-9;
        for (let i = 0; i < m * n; i++) expect(Math.abs(out[i] - expected[i])).toBeLessThan(tolerance);
        if (fused?.relu) expect(out.every((v) => v >= 0)).toBe(true);
      }
      expect(stalled).toEqual({ rows: 4, columns: 8 });
    });
  }

  it("the kernels' epilogue gives the bits of adding the bias and taking max(·, 0) afterwards in JavaScript", () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const [m, k, n] = [21, 40, 13];
      const a = random(dtype, m * k, 3);
      const b = random(dtype, k * n, 4);
      const bias = random(dtype, n, 5);
      bias[1] = Number.NaN; // NaN stays NaN through max, as with Math.max
      bias[2] = Number.POSITIVE_INFINITY;
      for (const relu of [false, true]) {
        const fused = oneThread(a, b, [m, k, n], false, true, { bias, relu });
        const after = oneThread(a, b, [m, k, n], false, true);
        for (let i = 0; i < m * n; i++) {
          after[i] += bias[i % n];
          if (relu) after[i] = Math.max(after[i], 0);
        }
        // Object.is: NaN equals NaN (payloads may differ), −0 differs from 0.
        expect(Array.from(fused).every((v, i) => Object.is(v, after[i]))).toBe(true);
        expect(Number.isNaN(fused[1])).toBe(true);
      }
    }
  });

  it('alone (no helper ever claims), every piece is computed by the caller', () => {
    const shared = sharedGemm();
    const [m, k, n] = [9, 1031, 905];
    const a = random('float32', m * k, 1);
    const b = random('float32', k * n, 2);
    const out = new Float32Array(m * n);
    expect(shared.multiply(a, b, out, m, k, n, true, true)).toBe(true);
    expect(same(out, oneThread(a, b, [m, k, n], true, true))).toBe(true);
  });

  it('declines a product too large for the shared memory (the caller then computes it alone)', () => {
    const shared = sharedGemm();
    // A of 16384 × 16384 doubles is 2 GiB: beyond the shared memory's maximum, refused before any copy
    // (so the empty arrays are never read).
    const none = new Float64Array(0);
    expect(shared.multiply(none, none, none, 1 << 14, 1 << 14, 1, false, false)).toBe(false);
  });
});
