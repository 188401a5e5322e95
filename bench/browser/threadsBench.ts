/// <reference lib="webworker" />
// Runs in a module Web Worker of a cross-origin isolated page (bench/browser-threads.mjs): single
// products on one thread and on two, interleaved round by round, best of the rounds in GFLOP/s.
import { type DType, enableBrowserMatmulThreads, matmul, randn, setMatmulThreads } from 'gradlab/browser';

const SHAPES: Array<[number, number, number]> = [
  [128, 784, 256],
  [256, 128, 784],
  [128, 256, 128],
  [128, 128, 64],
];
const ROUNDS = 7;
/** Products per timing, so that one timing lasts a few milliseconds at least. */
const REPEATS = 20;

function gflops(threads: 1 | 2, a: ReturnType<typeof randn>, b: ReturnType<typeof randn>, madds: number): number {
  setMatmulThreads(threads);
  const started = performance.now();
  for (let r = 0; r < REPEATS; r++) matmul(a, b);
  return (2 * madds * REPEATS) / ((performance.now() - started) / 1000) / 1e9;
}

const started = await enableBrowserMatmulThreads(
  () => new Worker(new URL('./helper.js', import.meta.url), { type: 'module' }),
);
const rows: string[] = [];
for (const dtype of ['float32', 'float64'] as DType[]) {
  for (const [m, k, n] of SHAPES) {
    const a = randn([m, k], { dtype, seed: 1 });
    const b = randn([k, n], { dtype, seed: 2 });
    let one = 0;
    let two = 0;
    gflops(1, a, b, m * k * n);
    gflops(2, a, b, m * k * n);
    for (let round = 0; round < ROUNDS; round++) {
      one = Math.max(one, gflops(1, a, b, m * k * n));
      two = Math.max(two, gflops(2, a, b, m * k * n));
    }
    rows.push(`${dtype} ${m}·${k}·${n}: ${one.toFixed(1)} → ${two.toFixed(1)} GFLOP/s (×${(two / one).toFixed(2)})`);
  }
}
postMessage({ threads: started.threads, reason: started.reason, helperPieces: started.helperPieces(), rows });
