// The matrix-product helper thread: waits for rows of a product (see matmulThreads.ts), computes them
// with its own WebAssembly instance, and signals. Synchronous on purpose: the main thread blocks on
// Atomics.wait for it, so no event loop turn is needed on either side.
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { matmulWasm, wasmGemm } from '../kernels/wasm/gemm.js';
import { SLOT, STATE, sharedView } from './matmulProtocol.js';

const { control: controlBuffer, port } = workerData as { control: SharedArrayBuffer; port: MessagePort };
const control = new Int32Array(controlBuffer);
const gemm = wasmGemm();
let data = new SharedArrayBuffer(0);
let version = 0;

Atomics.store(control, SLOT.ready, gemm ? 1 : -1);
Atomics.notify(control, SLOT.ready);

while (gemm) {
  let state = Atomics.load(control, SLOT.state);
  while (state !== STATE.posted) {
    Atomics.wait(control, SLOT.state, state);
    state = Atomics.load(control, SLOT.state);
  }
  let outcome: number = STATE.done;
  try {
    while (version < Atomics.load(control, SLOT.bufferVersion)) {
      const received = receiveMessageOnPort(port);
      if (!received) throw new Error('matmulWorker: the data buffer was announced but not sent');
      data = received.message as SharedArrayBuffer;
      version++;
    }
    const rows = control[SLOT.rows];
    const k = control[SLOT.k];
    const n = control[SLOT.n];
    const flags = control[SLOT.flags];
    const f64 = (flags & 4) !== 0;
    const a = sharedView(f64, data, control[SLOT.aOffset], rows * k);
    const b = sharedView(f64, data, control[SLOT.bOffset], k * n);
    const c = sharedView(f64, data, control[SLOT.cOffset], rows * n);
    matmulWasm(gemm, a, b, c, rows, k, n, (flags & 1) !== 0, (flags & 2) !== 0);
  } catch {
    outcome = STATE.failed;
  }
  Atomics.store(control, SLOT.state, outcome);
  Atomics.notify(control, SLOT.state);
}
