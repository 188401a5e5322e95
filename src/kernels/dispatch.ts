import { matmulJs } from './matmul.js';
import type { FloatArray } from './types.js';
import { rowHelperFor } from './threads.js';
import { matmulRowsWasm, matmulWasm, splitRows, wasmGemm } from './wasm/gemm.js';

export type KernelBackend = 'auto' | 'js' | 'wasm';

let backend: KernelBackend = 'auto';

/**
 * Chooses the matrix-product kernel: 'auto' (default) uses WebAssembly SIMD for products large enough
 * to repay the copies (m·k·n ≥ 4096) and the JS reference kernel otherwise; 'js' and 'wasm' force one.
 */
export function setKernelBackend(choice: KernelBackend): void {
  if (choice === 'wasm' && !wasmGemm()) throw new Error('setKernelBackend: WebAssembly SIMD is not available here');
  backend = choice;
}

export function kernelBackend(): { choice: KernelBackend; wasmAvailable: boolean } {
  return { choice: backend, wasmAvailable: wasmGemm() !== null };
}

const WASM_THRESHOLD = 4096;

/** out[m×n] = op(A)·op(B) with the chosen kernel (see matmulJs for the forms). */
export function matmul(
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): FloatArray {
  if (backend !== 'js' && (backend === 'wasm' || m * k * n >= WASM_THRESHOLD) && m > 0 && n > 0 && k > 0) {
    const gemm = wasmGemm();
    if (gemm) {
      // Two threads: the helper takes the lower rows of the product, this thread the upper ones. Each
      // output entry is still one thread's sum over the whole k in the same order, so the result is
      // bit-identical to one thread.
      const helper = rowHelperFor(m, k, n);
      const from = helper ? splitRows(m) : m;
      const finish = helper?.start(a, b, out, m, k, n, transposeA, transposeB, from) ?? null;
      if (!finish) return matmulWasm(gemm, a, b, out, m, k, n, transposeA, transposeB);
      matmulRowsWasm(gemm, a, b, out, 0, from, m, k, n, transposeA, transposeB);
      finish();
      return out;
    }
  }
  return matmulJs(a, b, out, m, k, n, transposeA, transposeB);
}
