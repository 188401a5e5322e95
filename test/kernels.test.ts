import { describe, expect, it } from 'vitest';
import { kernelBackend, matmul, matmulJs, setKernelBackend } from '../src/kernels/index.js';
import { Generator } from '../src/random/index.js';

function random(n: number, seed: number, Type: Float64ArrayConstructor | Float32ArrayConstructor) {
  const g = new Generator(seed);
  const out = new Type(n);
  for (let i = 0; i < n; i++) out[i] = g.normal();
  return out;
}

function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / (scale || 1);
}

describe('WebAssembly SIMD matmul agrees with the JS reference kernel', () => {
  it('is available on Node 20', () => {
    expect(kernelBackend().wasmAvailable).toBe(true);
  });

  // Odd sizes exercise the zero-padded panels; all four transpose forms.
  const shapes: Array<[number, number, number]> = [
    [1, 1, 1],
    [3, 5, 7],
    [17, 33, 9],
    [128, 64, 40],
    [64, 200, 129],
  ];
  for (const [m, k, n] of shapes) {
    for (const [tA, tB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      it(`[${m}×${k}]·[${k}×${n}] transposeA=${tA} transposeB=${tB}: float64 to 1e-12, float32 to 1e-5`, () => {
        for (const [Type, tol] of [
          [Float64Array, 1e-12],
          [Float32Array, 1e-5],
        ] as const) {
          const a = random(m * k, m + k, Type);
          const b = random(k * n, n + 7, Type);
          const reference = matmulJs(a, b, new Type(m * n), m, k, n, tA, tB);
          setKernelBackend('wasm');
          try {
            const fast = matmul(a, b, new Type(m * n), m, k, n, tA, tB);
            expect(maxRelative(fast, reference)).toBeLessThan(tol);
          } finally {
            setKernelBackend('auto');
          }
        }
      });
    }
  }
});
