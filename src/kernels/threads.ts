import type { FloatArray } from './types.js';
import type { Epilogue } from './wasm/gemm.js';

/**
 * Computes out = op(A)·op(B) on two threads, the caller's and a helper's, split by blocks of output rows
 * (see src/kernels/wasm/sharedGemm.ts); false when it cannot (no helper running yet, or a product too
 * large for the shared memory): the caller then computes it alone.
 */
export interface MatmulHelper {
  multiply(
    a: FloatArray,
    b: FloatArray,
    out: FloatArray,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    epilogue?: Epilogue | null,
  ): boolean;
}

let helper: MatmulHelper | null = null;
let threads: 1 | 2 = 1;

/**
 * Products with m·k·n multiply-adds at or above this run on two threads: at batch 128, every product of
 * a 784-256-128-10 MLP but the 10-unit layer's. Measured around single float32 products (best of 5
 * rounds), one thread against two interleaved in one process, with the machine idle (2 cores, AMD EPYC,
 * load average 1.0, 2026-11-29 22:27 UTC), GFLOP/s one → two threads: 128·784·256 (Bᵀ) 41.8 → 64.8,
 * 256·128·784 (Aᵀ) 42.7 → 73.6, 128·256·128 41.6 → 61.5, 128·128·64 (2²⁰) 40.8 → 49.8, 64·128·64 39.4 →
 * 47.2, 128·128·10 15.4 → 12.5. The gain shrinks towards 2¹⁹, and while other jobs keep both cores busy
 * (load average 5–8) two threads give only 0.97–1.14× one thread on whole `fit` epochs, so the split
 * starts at 2²⁰, where the idle gain is still about 20 %.
 */
export const PARALLEL_MATMUL_THRESHOLD = 128 * 128 * 64;

/** Registers the other thread (the Node entry does, see src/node/matmulThreads.ts); browsers use one. */
export function registerMatmulHelper(next: MatmulHelper | null): void {
  helper = next;
  threads = next ? 2 : 1;
}

/**
 * 1 or 2 threads for large matrix products (2 only where a helper is registered); the result is the same bit
 * for bit.
 */
export function setMatmulThreads(count: 1 | 2): void {
  threads = helper ? count : 1;
}

/** The threads large matrix products use now: 1, or 2 where a helper is registered and not turned off. */
export function matmulThreads(): 1 | 2 {
  return threads;
}

let threshold = PARALLEL_MATMUL_THRESHOLD;

/** Overrides the size from which products are split (the benchmark measures the threshold with it). */
export function setParallelMatmulThreshold(multiplyAdds: number): void {
  threshold = multiplyAdds;
}

/** The helper when this product is worth splitting, else null. */
export function matmulHelperFor(m: number, k: number, n: number): MatmulHelper | null {
  return threads > 1 && helper && m >= 8 && m * k * n >= threshold ? helper : null;
}
