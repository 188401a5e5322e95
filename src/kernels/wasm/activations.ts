import { kernelBackend } from '../dispatch.js';
import type { FloatArray } from '../types.js';
import { ACTIVATIONS_WASM_BASE64 } from './activationsBinary.js';

interface ActivationExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  tanh64(values: number, n: number): void;
  tanh32(values: number, n: number): void;
}

let instance: ActivationExports | null | undefined;

/** The activation kernels (assembly/activations.ts), or null where WebAssembly SIMD is not available. */
export function wasmActivations(): ActivationExports | null {
  if (instance !== undefined) return instance;
  try {
    const bytes = Uint8Array.from(atob(ACTIVATIONS_WASM_BASE64), (c) => c.charCodeAt(0));
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: {
        abort: () => {
          throw new Error('activations.wasm aborted');
        },
      },
    }).exports as unknown as ActivationExports;
  } catch {
    instance = null;
  }
  return instance;
}

/**
 * out[i] = tanh(x[i]). With WebAssembly SIMD (unless `setKernelBackend('js')`), the kernel of
 * assembly/activations.ts: within 2 ulp (1.0 measured) in float64, odd and monotone, and the same bits
 * for a value at any position of any length (x is copied into a zero-padded whole number of vectors).
 * Otherwise Math.tanh per element.
 */
export function tanhKernel(x: FloatArray, out: FloatArray): FloatArray {
  const kernels = kernelBackend().choice === 'js' ? null : wasmActivations();
  const n = x.length;
  if (!kernels || n === 0) {
    for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
    return out;
  }
  const f64 = x instanceof Float64Array;
  const padded = Math.ceil(n / 4) * 4; // the kernels take 4 values per iteration
  const start = (kernels.heapBase() + 15) & ~15;
  const end = start + padded * x.BYTES_PER_ELEMENT;
  const memory = kernels.memory;
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  const values = f64 ? new Float64Array(memory.buffer, start, padded) : new Float32Array(memory.buffer, start, padded);
  values.set(x);
  values.fill(0, n);
  if (f64) kernels.tanh64(start, n);
  else kernels.tanh32(start, n);
  out.set(values.subarray(0, n));
  return out;
}
