import type { FloatArray } from './types.js';

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
  ): boolean;
}

let helper: MatmulHelper | null = null;
let threads = 1;

/**
 * Products with m·k·n multiply-adds at or above this run on two threads: at batch 128, a 784→256
 * layer's forward and weight-gradient products (25.7M), not a 256→128 layer's (4.2M), where posting,
 * copying and waiting would be a larger share. Not yet settled by measurement: on the shared 2-core
 * machine no size won while other jobs kept both cores busy (bench/threads-worker.mjs; see
 * docs/performance.md).
 */
export const PARALLEL_MATMUL_THRESHOLD = 256 * 256 * 128;

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

export function matmulThreads(): number {
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
