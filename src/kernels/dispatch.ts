import { matmulJs } from './matmul.js';
import type { FloatArray } from './types.js';
import { matmulHelperFor } from './threads.js';
import { addRowVector, biasActivate } from './activation.js';
import { type Epilogue, matmulWasm, wasmGemm } from './wasm/gemm.js';
import { backendChoice } from './backend.js';

const WASM_THRESHOLD = 4096;

/**
 * out[m×n] = op(A)·op(B) with the chosen kernel (see matmulJs for the forms), then the epilogue if any
 * (bias, relu: in the kernel's own pass over the product when it is the WebAssembly one).
 */
export function matmul(
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  epilogue: Epilogue | null = null,
): FloatArray {
  const backend = backendChoice();
  if (backend !== 'js' && (backend === 'wasm' || m * k * n >= WASM_THRESHOLD) && m > 0 && n > 0 && k > 0) {
    const gemm = wasmGemm();
    if (gemm) {
      // Two threads share blocks of output rows; each entry is still one thread's sum over the whole k
      // in the same order, so the result is bit-identical to one thread.
      if (matmulHelperFor(m, k, n)?.multiply(a, b, out, m, k, n, transposeA, transposeB, epilogue)) return out;
      return matmulWasm(gemm, a, b, out, m, k, n, transposeA, transposeB, epilogue);
    }
  }
  matmulJs(a, b, out, m, k, n, transposeA, transposeB);
  if (epilogue?.relu) biasActivate(out, epilogue.bias, m, n, 'relu', 0);
  else if (epilogue?.bias) addRowVector(out, epilogue.bias, m, n);
  return out;
}
