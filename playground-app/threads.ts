// Two threads for large matrix products when the page is cross-origin isolated (the playground server
// sends the headers), checked once in the user's browser: a product above the threshold on one thread
// and on two must agree bit for bit.
import {
  type DType,
  enableBrowserMatmulThreads,
  matmul,
  randn,
  setMatmulThreads,
  withBufferScope,
} from 'gradlab/browser';
import type { ThreadsView } from './protocol.js';

/** 128·784·256 multiply-adds: the first layer of an MNIST MLP at batch 128, well above the threshold. */
const CHECK_SHAPE = { m: 128, k: 784, n: 256 };
/** Products compared per dtype, at most: enough for a helper that wakes late to take some pieces. */
const MAX_ROUNDS = 20;

function sameBits(a: Float32Array | Float64Array, b: Float32Array | Float64Array): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function productOn(threads: 1 | 2, dtype: DType, seed: number): Float32Array | Float64Array {
  setMatmulThreads(threads);
  return withBufferScope(() => {
    const a = randn([CHECK_SHAPE.m, CHECK_SHAPE.k], { dtype, seed });
    const b = randn([CHECK_SHAPE.k, CHECK_SHAPE.n], { dtype, seed: seed + 1 });
    return matmul(a, b).data.slice();
  });
}

/** Starts the helper (nothing happens on a page that is not isolated) and checks it against one thread. */
export async function startMatmulThreads(): Promise<ThreadsView> {
  const started = await enableBrowserMatmulThreads(
    () => new Worker(new URL('./matmulWorker.ts', import.meta.url), { type: 'module' }),
  );
  if (started.threads < 2) return { threads: 1, reason: started.reason, identical: null, helperPieces: 0 };
  let identical = true;
  for (const dtype of ['float32', 'float64'] as const) {
    for (let round = 0; round < MAX_ROUNDS && identical; round++) {
      const before = started.helperPieces();
      identical = sameBits(productOn(1, dtype, round), productOn(2, dtype, round));
      if (started.helperPieces() > before) break;
    }
  }
  setMatmulThreads(2);
  return { threads: 2, reason: null, identical, helperPieces: started.helperPieces() };
}
