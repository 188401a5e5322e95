import { backendChoice } from '../backend.js';
import type { FloatArray } from '../types.js';
import { ACTIVATIONS_WASM_BASE64 } from './activationsBinary.js';
import { instantiateEmbedded } from './embedded.js';

interface ActivationExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  tanh64(values: number, n: number): void;
  tanh32(values: number, n: number): void;
  exp64(values: number, n: number): void;
  exp32(values: number, n: number): void;
  logSoftmaxRows64(values: number, rows: number, k: number, scratch: number): void;
  rankOneRows64(z0: number, d: number, w: number, out: number, blocks: number, m: number, n: number): void;
}

let instance: ActivationExports | null | undefined;

/** The activation kernels (assembly/activations.ts), or null where WebAssembly SIMD is not available. */
export function wasmActivations(): ActivationExports | null {
  if (instance === undefined)
    instance = instantiateEmbedded<ActivationExports>(ACTIVATIONS_WASM_BASE64, 'activations.wasm');
  return instance;
}

const SHORT = 64;
// Long arrays go through the module's memory in chunks of 64 KB (float64), which stay in cache: the
// module does not grow with the array, and 1,000,000 float64 took 7.5 instead of 7.8 ns per value (A/B,
// medians of 9). Each value is computed alone, so chunking changes no bit.
const CHUNK = 8192;

type Elementwise = 'tanh' | 'exp';

function run(kernels: ActivationExports, kernel: Elementwise, x: FloatArray, start: number, n: number): void {
  if (kernel === 'tanh') {
    if (x instanceof Float64Array) kernels.tanh64(start, n);
    else kernels.tanh32(start, n);
  } else if (x instanceof Float64Array) kernels.exp64(start, n);
  else kernels.exp32(start, n);
}

/** Views of the module's free memory, remade when the memory grows (its old buffer is then detached). */
let views: { buffer: ArrayBuffer; start: number; f64: Float64Array; f32: Float32Array } | null = null;

function freeMemory(kernels: ActivationExports, bytes: number) {
  const memory = kernels.memory;
  const start = (kernels.heapBase() + 15) & ~15;
  if (start + bytes > memory.buffer.byteLength) {
    memory.grow(Math.ceil((start + bytes - memory.buffer.byteLength) / 65536));
  }
  if (views?.buffer !== memory.buffer) {
    const buffer = memory.buffer;
    const length = buffer.byteLength - start;
    views = {
      buffer,
      start,
      f64: new Float64Array(buffer, start, length >> 3),
      f32: new Float32Array(buffer, start, length >> 2),
    };
  }
  return views;
}

/**
 * out[i] = tanh(x[i]) (out may be x). With WebAssembly SIMD (unless `setKernelBackend('js')`), the kernel
 * of assembly/activations.ts: within 2 ulp (1.38 measured) in float64, odd and monotone, and the same
 * bits for a value at any position of any length (x is copied into whole vectors; the kernel has no
 * scalar tail). Otherwise Math.tanh per element.
 */
export function tanhKernel(x: FloatArray, out: FloatArray): FloatArray {
  return elementwise('tanh', Math.tanh, x, out);
}

/**
 * out[i] = exp(x[i]) (out may be x). With WebAssembly SIMD (unless `setKernelBackend('js')`), the kernel
 * of assembly/activations.ts: within 1 ulp in float64 (0.74 measured), monotone, exp(0) = 1, ∞ above
 * 709.78, subnormals rounded once, and the same bits for a value at any position of any length.
 * float32 goes through float64 and is rounded once. Otherwise Math.exp per element.
 */
export function expKernel(x: FloatArray, out: FloatArray): FloatArray {
  return elementwise('exp', Math.exp, x, out);
}

function elementwise(kernel: Elementwise, fallback: (v: number) => number, x: FloatArray, out: FloatArray) {
  const kernels = backendChoice() === 'js' ? null : wasmActivations();
  const n = x.length;
  if (!kernels || n === 0) {
    for (let i = 0; i < n; i++) out[i] = fallback(x[i]);
    return out;
  }
  const memory = freeMemory(kernels, Math.min(Math.ceil(n / 4) * 4, CHUNK) * x.BYTES_PER_ELEMENT);
  const values = x instanceof Float64Array ? memory.f64 : memory.f32;
  // Short arrays (the gradient checker's single columns) are copied by loops: set and subarray cost more
  // (8 values: 240 → 170 ns per call).
  if (n < SHORT) {
    for (let i = 0; i < n; i++) values[i] = x[i];
    run(kernels, kernel, x, memory.start, n);
    for (let i = 0; i < n; i++) out[i] = values[i];
    return out;
  }
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(from + CHUNK, n);
    values.set(x.subarray(from, to));
    run(kernels, kernel, x, memory.start, to - from);
    out.set(values.subarray(0, to - from), from);
  }
  return out;
}

/** A view of the first n float64 of the free memory, kept while n and the buffer stay the same. */
let exact: Float64Array | null = null;

function firstValues(values: Float64Array, n: number): Float64Array {
  if (exact?.buffer !== values.buffer || exact.byteOffset !== values.byteOffset || exact.length !== n)
    exact = values.subarray(0, n);
  return exact;
}

/**
 * out = log-softmax of `rows` contiguous rows of k values of a (float64 or float32; out may be a) by the
 * module's logSoftmaxRows64, in groups of whole rows of at most one chunk: per group one copy in
 * (float32 widened exactly), one call, one copy out (float32 rounded once), so a row gets the same bits
 * in any batch. The copies are typed-array set calls, with the view of the memory kept between calls:
 * element loops took 8.3 against 5.4 ns per element at 128×10, and a new subarray per call
 * 8.2 against 5.8 at 32×10 (bench/exp.mjs). false, leaving out alone, under `setKernelBackend('js')`,
 * without WebAssembly SIMD, or for rows longer than a chunk.
 */
export function logSoftmaxRows(a: FloatArray, rows: number, k: number, out: FloatArray): boolean {
  const kernels = backendChoice() === 'js' ? null : wasmActivations();
  if (!kernels || k > CHUNK) return false;
  const groupRows = Math.floor(CHUNK / k);
  const padded = Math.ceil((Math.min(rows, groupRows) * k) / 4) * 4;
  const memory = freeMemory(kernels, (2 * padded + groupRows) * 8);
  for (let first = 0; first < rows; first += groupRows) {
    const count = Math.min(groupRows, rows - first);
    const from = first * k;
    const n = count * k;
    memory.f64.set(n === a.length ? a : a.subarray(from, from + n));
    kernels.logSoftmaxRows64(memory.start, count, k, memory.start + padded * 8);
    out.set(firstValues(memory.f64, n), from);
  }
  return true;
}

/**
 * Stacked rank-1 updates of z0 ([m, n], float64): block p of out ([blocks·m, n]) is z0 + d_p·w_pᵀ, with
 * d_p = d[p·m … p·m + m) and w_p = w[p·n … p·n + n), each value fl(z0 + fl(d·w)) as in JavaScript, so
 * the kernel (the module's rankOneRows64, two values per instruction) and the loop below agree bit for
 * bit: 0.47–0.49 ns per value with the copies in and out, against 2.7 for the loop (32 blocks of
 * 32 × 128, node script, medians of 300 calls). Groups of blocks of at most 64 K values go through the
 * module's memory, with z0 copied in once.
 */
export function rankOneRows(
  z0: Float64Array,
  d: Float64Array,
  w: Float64Array,
  blocks: number,
  m: number,
  n: number,
  out: Float64Array,
): void {
  const kernels = backendChoice() === 'js' ? null : wasmActivations();
  if (!kernels) {
    for (let p = 0, k = 0; p < blocks; p++)
      for (let i = 0; i < m; i++) {
        const scale = d[p * m + i];
        for (let o = 0; o < n; o++, k++) out[k] = z0[i * n + o] + scale * w[p * n + o];
      }
    return;
  }
  const size = m * n;
  const group = Math.max(1, Math.min(blocks, Math.floor(65536 / Math.max(1, size))));
  const memory = freeMemory(kernels, (size + group * (m + n + size)) * 8);
  const f64 = memory.f64;
  const dAt = size;
  const wAt = dAt + group * m;
  const outAt = wAt + group * n;
  f64.set(z0);
  for (let first = 0; first < blocks; first += group) {
    const count = Math.min(group, blocks - first);
    f64.set(d.subarray(first * m, (first + count) * m), dAt);
    f64.set(w.subarray(first * n, (first + count) * n), wAt);
    const at = (offset: number) => memory.start + offset * 8;
    kernels.rankOneRows64(at(0), at(dAt), at(wAt), at(outAt), count, m, n);
    out.set(f64.subarray(outAt, outAt + count * size), first * size);
  }
}
