// The matrix-product helper's whole life, the same in a Node worker thread and a browser Web Worker:
// waits for a product to be published (see src/kernels/wasm/sharedGemm.ts), takes its share of the
// work with its own instance of the kernels over the shared memory, and waits again. Synchronous on
// purpose: no event-loop turn on either side. Only the helper ever sleeps (Atomics.wait, which workers
// may do); the calling thread never waits for it.
import { CONTROL, helpWithProduct, instantiateSharedGemm } from './wasm/sharedGemm.js';

/**
 * Checks of the job slot before sleeping on it (about 70 µs, measured: 10,000 Atomics.load in a loop).
 * Products of one training step come milliseconds apart, so the helper sleeps between them; the caller
 * never waits for it to wake (it claims every piece itself if need be), so a longer spin would only burn
 * the core.
 */
const SPINS = 10_000;

/** Marks the helper ready (or −1 when the kernels cannot run here) and serves products; never returns. */
export function runMatmulHelper(memory: WebAssembly.Memory, control: Int32Array): void {
  const gemm = instantiateSharedGemm(memory);
  Atomics.store(control, CONTROL.ready, gemm ? 1 : -1);
  let seen = Atomics.load(control, CONTROL.job);
  while (gemm) {
    let job = Atomics.load(control, CONTROL.job);
    for (let spins = 0; job === seen; spins++) {
      if (spins >= SPINS) {
        Atomics.wait(control, CONTROL.job, seen);
        spins = 0;
      }
      job = Atomics.load(control, CONTROL.job);
    }
    // Busy before reading the product, so that the caller cannot start writing the next one meanwhile.
    Atomics.store(control, CONTROL.helperBusy, 1);
    seen = Atomics.load(control, CONTROL.job);
    const pieces = helpWithProduct(gemm, control, seen);
    Atomics.add(control, CONTROL.helperPieces, pieces);
    Atomics.store(control, CONTROL.helperBusy, 0);
    Atomics.notify(control, CONTROL.helperBusy);
  }
}
