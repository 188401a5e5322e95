import { wasmGemm } from './wasm/gemm.js';

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

/** The choice alone, for the kernels' dispatch on every call (no object, no availability probe). */
export function backendChoice(): KernelBackend {
  return backend;
}
