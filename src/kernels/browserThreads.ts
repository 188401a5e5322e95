// Two threads for large matrix products in a browser: the thread that computes (a page, or the Web
// Worker that trains) and one helper Web Worker, over one shared WebAssembly memory, exactly as on Node
// (src/node/matmulThreads.ts). Shared memory exists only on cross-origin isolated pages (served with
// Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp); elsewhere
// this keeps one thread. The calling thread never blocks (browsers forbid Atomics.wait on a page's main
// thread): it polls for the helper to start, then claims pieces and spins (src/kernels/wasm/sharedGemm.ts).
import { ArgumentError } from '../errors.js';
import { runMatmulHelper } from './matmulHelperLoop.js';
import { matmulThreads, registerMatmulHelper } from './threads.js';
import {
  CONTROL,
  CONTROL_SLOTS,
  createSharedGemmMemory,
  instantiateSharedGemm,
  SharedGemm,
} from './wasm/sharedGemm.js';

/** What the helper worker receives, once: the shared memory and the control slots. */
interface HelperStart {
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
}

/** The part of a Web Worker used here (a DOM `Worker` is one). */
export interface MatmulHelperWorker {
  /** Sends the helper its shared memory and control slots. */
  postMessage(message: unknown): void;
  /** Stops the helper (when it never became ready). */
  terminate(): void;
}

/** What `enableBrowserMatmulThreads` found. */
export interface BrowserMatmulThreads {
  /** 2 once the helper takes work, else 1. */
  threads: number;
  /** Why one thread, when it is one; null with two. */
  reason: string | null;
  /** Pieces of products (blocks of rows, chunks of columns) the helper has computed so far. */
  helperPieces(): number;
}

/** How long the helper may take to load its module and instantiate the kernels before we give up on it. */
const HELPER_START_TIMEOUT_MS = 10_000;
const POLL_MS = 10;

let enabling: Promise<BrowserMatmulThreads> | null = null;

/**
 * Runs large matrix products on two threads when the page is cross-origin isolated: creates the helper
 * with `createWorker` (a module Web Worker whose script calls `serveMatmulHelper()`), hands it the shared
 * memory, and resolves once it takes work. Elsewhere it creates nothing and resolves with one thread.
 * Call it once, on the thread that trains; later calls return the first call's result.
 */
export function enableBrowserMatmulThreads(createWorker: () => MatmulHelperWorker): Promise<BrowserMatmulThreads> {
  enabling ??= start(createWorker);
  return enabling;
}

async function start(createWorker: () => MatmulHelperWorker): Promise<BrowserMatmulThreads> {
  const one = (reason: string): BrowserMatmulThreads => ({ threads: 1, reason, helperPieces: () => 0 });
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== true)
    return one('the page is not cross-origin isolated (no shared memory)');
  const memory = createSharedGemmMemory();
  const gemm = instantiateSharedGemm(memory);
  if (!gemm) return one('this thread cannot run the shared WebAssembly kernels');
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const worker = createWorker();
  const message: HelperStart = { memory, control: control.buffer as SharedArrayBuffer };
  worker.postMessage(message);
  const deadline = performance.now() + HELPER_START_TIMEOUT_MS;
  while (Atomics.load(control, CONTROL.ready) === 0 && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  const ready = Atomics.load(control, CONTROL.ready);
  if (ready !== 1) {
    worker.terminate();
    return one(ready < 0 ? 'the helper cannot run the shared WebAssembly kernels' : 'the helper did not start');
  }
  registerMatmulHelper(new SharedGemm(gemm, control));
  return { threads: matmulThreads(), reason: null, helperPieces: () => Atomics.load(control, CONTROL.helperPieces) };
}

/**
 * The whole script of the helper Web Worker: waits for the memory `enableBrowserMatmulThreads` sends,
 * then serves products for as long as the page lives (the worker then no longer handles messages).
 */
export function serveMatmulHelper(): void {
  const scope = globalThis as {
    addEventListener?: (type: 'message', listener: (event: { data: HelperStart }) => void) => void;
  };
  if (typeof scope.addEventListener !== 'function' || !('WorkerGlobalScope' in globalThis))
    throw new ArgumentError('serveMatmulHelper: expected to run in a Web Worker, got no worker scope');
  scope.addEventListener('message', (event) => runMatmulHelper(event.data.memory, new Int32Array(event.data.control)));
}
