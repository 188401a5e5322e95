import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { matmulThreads, registerMatmulHelper, setMatmulThreads } from '../../src/kernels/index.js';
import { Generator } from '../../src/random/index.js';

// enableBrowserMatmulThreads outside a browser: a Node worker thread plays the helper Web Worker (it has
// the same postMessage/terminate) and runs the same helper loop from the built package.
const helperLoop = new URL('../../dist/kernels/matmulHelperLoop.js', import.meta.url).href;
const HELPER_SCRIPT = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', async ({ memory, control }) => {
  const { runMatmulHelper } = await import(${JSON.stringify(helperLoop)});
  runMatmulHelper(memory, new Int32Array(control));
});`;

const workers: Worker[] = [];
afterAll(async () => {
  registerMatmulHelper(null);
  await Promise.all(workers.map((w) => w.terminate()));
  vi.unstubAllGlobals();
});

async function freshModule() {
  vi.resetModules();
  return import('../../src/kernels/browserThreads.js');
}

function random(length: number, seed: number): Float32Array {
  const g = new Generator(seed);
  return Float32Array.from({ length }, () => g.normal());
}

describe('enableBrowserMatmulThreads', () => {
  it('creates no helper and keeps one thread when the page is not cross-origin isolated', async () => {
    const { enableBrowserMatmulThreads } = await freshModule();
    vi.stubGlobal('crossOriginIsolated', false);
    const createWorker = vi.fn(() => new Worker(HELPER_SCRIPT, { eval: true }));
    const result = await enableBrowserMatmulThreads(createWorker);
    expect(createWorker).not.toHaveBeenCalled();
    expect(result.threads).toBe(1);
    expect(result.reason).toMatch(/not cross-origin isolated/);
  });

  it('runs two threads once isolated, the caller never calling Atomics.wait, with one thread’s bits', async () => {
    const { enableBrowserMatmulThreads } = await freshModule();
    const kernels = await import('../../src/kernels/index.js');
    vi.stubGlobal('crossOriginIsolated', true);
    const createWorker = vi.fn(() => {
      const worker = new Worker(HELPER_SCRIPT, { eval: true });
      workers.push(worker);
      return worker;
    });
    const result = await enableBrowserMatmulThreads(createWorker);
    expect(result).toMatchObject({ threads: 2, reason: null });
    expect(kernels.matmulThreads()).toBe(2);
    // A second call reuses the helper.
    expect((await enableBrowserMatmulThreads(createWorker)).threads).toBe(2);
    expect(createWorker).toHaveBeenCalledTimes(1);

    // Browsers throw on Atomics.wait on a page's main thread: so does this thread here (the helper is
    // another thread, with its own Atomics).
    const wait = Atomics.wait;
    Atomics.wait = () => {
      throw new TypeError('Atomics.wait cannot be called in this context');
    };
    try {
      const [m, k, n] = [128, 784, 256];
      for (let round = 0; round < 20; round++) {
        const a = random(m * k, round);
        const b = random(k * n, round + 100);
        kernels.setMatmulThreads(1);
        const one = kernels.matmul(a, b, new Float32Array(m * n), m, k, n, false, false);
        kernels.setMatmulThreads(2);
        const two = kernels.matmul(a, b, new Float32Array(m * n), m, k, n, false, false);
        expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
        if (result.helperPieces() > 0 && round >= 3) break;
      }
    } finally {
      Atomics.wait = wait;
    }
    expect(result.helperPieces()).toBeGreaterThan(0);
  });

  it('serveMatmulHelper refuses to run outside a Web Worker', async () => {
    const { serveMatmulHelper } = await freshModule();
    const { ArgumentError } = await import('../../src/errors.js');
    expect(() => serveMatmulHelper()).toThrow(ArgumentError);
    expect(() => serveMatmulHelper()).toThrow(/Web Worker/);
  });
});

// The static imports above are the module before any reset: nothing registered a helper there.
describe('the default', () => {
  it('is one thread until a helper is registered', () => {
    setMatmulThreads(2);
    expect(matmulThreads()).toBe(1);
  });
});
