import { availableParallelism } from 'node:os';
import { isMainThread, type Worker } from 'node:worker_threads';
import type { HelperMessage } from './threadMessages.js';
import { borrowThread, threadScript } from './threadPool.js';
import {
  CONTROL,
  CONTROL_SLOTS,
  createSharedGemmMemory,
  instantiateSharedGemm,
  type MatmulHelper,
  registerMatmulHelper,
  SharedGemm,
} from '../kernels/index.js';
import type { FloatArray } from '../kernels/types.js';
import type { Epilogue } from '../kernels/wasm/gemm.js';

/**
 * One helper thread for large matrix products, working in a WebAssembly memory shared with this
 * thread's own instance of the kernels. It is taken from the process's thread pool (threadPool.ts: an
 * idle thread a gradient check left, or a new one) on the first large product, which itself still runs
 * on one thread, and never keeps the process alive.
 */
class HelperThread implements MatmulHelper {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  private worker: Worker | null = null;
  private shared: SharedGemm | null = null;
  private broken = false;

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
      const memory = createSharedGemmMemory();
      const gemm = instantiateSharedGemm(memory);
      if (!gemm) {
        this.broken = true;
        return false;
      }
      const thread = borrowThread();
      if (!thread) {
        this.broken = true;
        return false;
      }
      this.shared = new SharedGemm(gemm, this.control);
      const message: HelperMessage = { kind: 'matmul', memory, control: this.control.buffer as SharedArrayBuffer };
      thread.postMessage(message);
      thread.on('error', () => {
        this.broken = true;
      });
      this.worker = thread;
      return false;
    }
    const ready = Atomics.load(this.control, CONTROL.ready);
    if (ready < 0) this.broken = true;
    return ready === 1;
  }

  /** Pieces of products (chunks of B, blocks of rows) the helper has computed so far. */
  helperPieces(): number {
    return Atomics.load(this.control, CONTROL.helperPieces);
  }

  multiply(
    a: FloatArray,
    b: FloatArray,
    out: FloatArray,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    epilogue: Epilogue | null = null,
  ): boolean {
    if (!this.available() || !this.shared) return false;
    return this.shared.multiply(a, b, out, m, k, n, transposeA, transposeB, epilogue);
  }
}

/**
 * On Node's main thread with at least two cores: large matrix products run on two threads (this one
 * and one helper). Worker threads (gradient-check workers among them) keep one thread each.
 */
export function registerMatmulThreads(): void {
  if (!isMainThread || availableParallelism() < 2) return;
  const helper = createMatmulHelper();
  if (helper) registerMatmulHelper(helper);
}

/** A helper thread for large products (not yet started), or null without the compiled script. */
export function createMatmulHelper(): (MatmulHelper & { ready(): Promise<boolean>; helperPieces(): number }) | null {
  return threadScript() ? new HelperThread() : null;
}
