import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { registerRowHelper, type RowHelper } from '../kernels/threads.js';
import type { FloatArray } from '../kernels/types.js';
import { matmulRowsWasm, wasmGemm } from '../kernels/wasm/gemm.js';
import { SLOT, SLOTS, STATE, sharedView } from './matmulProtocol.js';

/** The compiled helper script (dist/node/matmulWorker.js), also when running from the TypeScript sources. */
function workerScript(): URL | null {
  for (const candidate of ['./matmulWorker.js', '../../dist/node/matmulWorker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

const align = (bytes: number) => (bytes + 15) & ~15;

/**
 * A waited-for helper stuck this long is given up on (its rows are then computed here): far above any
 * product's time, so it only triggers when the thread is gone.
 */
const GIVE_UP_MS = 60_000;

/**
 * One helper thread for the rows of large matrix products. It starts on the first large product (which
 * itself still runs on one thread) and never keeps the process alive.
 */
class HelperThread implements RowHelper {
  private readonly control = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private data = new SharedArrayBuffer(0);
  private version = 0;
  private broken = false;

  constructor(private readonly script: URL) {}

  /** Starts the thread if needed; resolves true once it takes work, false when it cannot. */
  async ready(): Promise<boolean> {
    for (;;) {
      if (this.available()) return true;
      if (this.broken) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private available(): boolean {
    if (this.broken) return false;
    if (!this.worker) {
      const { port1, port2 } = new MessageChannel();
      this.port = port1;
      this.worker = new Worker(this.script, {
        workerData: { control: this.control.buffer, port: port2 },
        transferList: [port2],
      });
      this.worker.on('error', () => {
        this.broken = true;
      });
      this.worker.unref();
      port1.unref();
      return false;
    }
    const ready = Atomics.load(this.control, SLOT.ready);
    if (ready < 0) this.broken = true;
    return ready === 1;
  }

  start(
    a: FloatArray,
    b: FloatArray,
    out: FloatArray,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    from: number,
  ): (() => void) | null {
    if (!this.available()) return null;
    const rows = m - from;
    const f64 = a instanceof Float64Array;
    const size = f64 ? 8 : 4;
    const bOffset = align(rows * k * size);
    const cOffset = align(bOffset + k * n * size);
    const needed = cOffset + rows * n * size;
    if (needed > this.data.byteLength) {
      // A quarter to spare, so that slowly growing products do not resend a buffer each time.
      this.data = new SharedArrayBuffer(align(Math.ceil(needed * 1.25)));
      this.port?.postMessage(this.data);
      this.version++;
    }
    const aRows = sharedView(f64, this.data, 0, rows * k);
    if (!transposeA) aRows.set(a.subarray(from * k, m * k));
    else for (let p = 0; p < k; p++) aRows.set(a.subarray(p * m + from, p * m + m), p * rows);
    sharedView(f64, this.data, bOffset, k * n).set(b.subarray(0, k * n));
    const c = this.control;
    c[SLOT.rows] = rows;
    c[SLOT.k] = k;
    c[SLOT.n] = n;
    c[SLOT.flags] = (transposeA ? 1 : 0) | (transposeB ? 2 : 0) | (f64 ? 4 : 0);
    c[SLOT.aOffset] = 0;
    c[SLOT.bOffset] = bOffset;
    c[SLOT.cOffset] = cOffset;
    Atomics.store(c, SLOT.bufferVersion, this.version);
    Atomics.store(c, SLOT.state, STATE.posted);
    Atomics.notify(c, SLOT.state);
    return () => {
      while (Atomics.load(c, SLOT.state) === STATE.posted) {
        if (Atomics.wait(c, SLOT.state, STATE.posted, GIVE_UP_MS) === 'timed-out') this.broken = true;
        if (this.broken) break;
      }
      const state = Atomics.load(c, SLOT.state);
      if (state === STATE.done) {
        Atomics.store(c, SLOT.state, STATE.idle);
        out.set(sharedView(f64, this.data, cOffset, rows * n), from * n);
        return;
      }
      // The helper failed or is gone: the same rows, computed here (the same bits).
      this.broken = true;
      const gemm = wasmGemm();
      if (!gemm) throw new Error('matmul: the helper thread failed and WebAssembly is not available here');
      matmulRowsWasm(gemm, a, b, out, from, m, m, k, n, transposeA, transposeB);
    };
  }
}

/**
 * On Node's main thread with at least two cores: large matrix products run on two threads (this one
 * and one helper). Worker threads (gradient-check workers among them) keep one thread each.
 */
export function registerMatmulThreads(): void {
  if (!isMainThread || availableParallelism() < 2) return;
  const helper = createMatmulHelper();
  if (helper) registerRowHelper(helper);
}

/** A helper thread for the rows of large products (not yet started), or null without the compiled script. */
export function createMatmulHelper(): (RowHelper & { ready(): Promise<boolean> }) | null {
  const script = workerScript();
  return script ? new HelperThread(script) : null;
}
