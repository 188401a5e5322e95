import type { FloatArray } from '../types.js';
import { instantiateEmbedded } from './embedded.js';
import { GEMM_WASM_BASE64 } from './gemmBinary.js';

/** Packs a block of A (rows) or B (columns) into panels: addresses in bytes, ld in elements. */
type Packer = (src: number, dst: number, rows: number, cols: number, transposed: number, ld: number) => void;
/** C (row stride ldc) = packed A · packed B, then the epilogue (see epilogueCode) with the bias at `bias`. */
type Kernel = (
  pa: number,
  pb: number,
  pc: number,
  m: number,
  k: number,
  n: number,
  ldc: number,
  bias: number,
  epilogue: number,
) => void;

/** The kernels of assembly/gemm.ts. */
export interface GemmExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  packA32: Packer;
  packB32: Packer;
  packA64: Packer;
  packB64: Packer;
  gemm32: Kernel;
  gemm64: Kernel;
}

/** The kernels' epilogue code: 0 none, 1 bias, 2 bias then relu (assembly/gemm.ts). */
export function epilogueCode(epilogue: Epilogue | null): number {
  if (!epilogue || (!epilogue.bias && !epilogue.relu)) return 0;
  return epilogue.relu ? 2 : 1;
}

/**
 * What to apply to the product before it leaves the kernel: out[i, j] += bias[j], then max(·, 0) when
 * relu (the dense layer's forward pass; same bits as doing it afterwards in JavaScript).
 */
export interface Epilogue {
  bias: FloatArray | null;
  relu: boolean;
}

/** Copies the bias (or zeros) into memory at `at`, zero-padded to `padded` values (the padded columns of C). */
export function placeBias(
  memory: WebAssembly.Memory,
  f64: boolean,
  bias: FloatArray | null,
  at: number,
  padded: number,
): void {
  const view = f64 ? new Float64Array(memory.buffer, at, padded) : new Float32Array(memory.buffer, at, padded);
  if (bias) view.set(bias);
  view.fill(0, bias ? bias.length : 0);
}

let instance: GemmExports | null | undefined;

/** The SIMD kernels, or null where WebAssembly SIMD is not available (then the JS kernel is used). */
export function wasmGemm(): GemmExports | null {
  if (instance === undefined) instance = instantiateEmbedded<GemmExports>(GEMM_WASM_BASE64, 'gemm.wasm');
  return instance;
}

/** Rounds a byte address up to 16 (arithmetic, not bitwise: addresses may pass 2³¹). */
export const align = (n: number) => Math.ceil(n / 16) * 16;

/** Columns of a packed B panel: 8 floats or 4 doubles (assembly/gemm.ts). */
export const panelColumns = (f64: boolean) => (f64 ? 4 : 8);

/** Bytes per value of packed A (each value stored once, broadcast by the kernel; assembly/gemm.ts). */
export const packedABytes = (f64: boolean) => (f64 ? 8 : 4);

/** Where a product's operands, panels, padded result and bias sit in a kernels' memory (byte addresses). */
export interface ProductLayout {
  rawA: number;
  rawB: number;
  packA: number;
  packB: number;
  c: number;
  bias: number;
  end: number;
  /** Row stride of the padded product, in elements. */
  ldc: number;
}

export function productLayout(gemm: GemmExports, m: number, k: number, n: number, f64: boolean): ProductLayout {
  const size = f64 ? 8 : 4;
  const panel = panelColumns(f64);
  const M = (m + 3) & ~3;
  const ldc = Math.ceil(n / panel) * panel;
  const rawA = align(gemm.heapBase());
  const rawB = align(rawA + m * k * size);
  const packA = align(rawB + k * n * size);
  const packB = align(packA + M * k * packedABytes(f64));
  const c = align(packB + k * ldc * size);
  const bias = align(c + M * ldc * size);
  return { rawA, rawB, packA, packB, c, bias, end: bias + ldc * size, ldc };
}

/** Copies the valid m×n part of the padded product (row stride ldc) into out. */
export function copyProduct(product: FloatArray, out: FloatArray, m: number, n: number, ldc: number): void {
  if (ldc === n) out.set(product.subarray(0, m * n));
  else for (let i = 0; i < m; i++) out.set(product.subarray(i * ldc, i * ldc + n), i * n);
}

/**
 * out[m×n] = op(A)·op(B) with the WebAssembly SIMD kernel: A and B are copied into the module's
 * memory, packed into zero-padded panels, multiplied with a register tile, and the valid part of the
 * padded product is copied back.
 */
export function matmulWasm(
  gemm: GemmExports,
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  epilogue: Epilogue | null = null,
): FloatArray {
  const f64 = a instanceof Float64Array;
  const { rawA, rawB, packA, packB, c, bias, end, ldc } = productLayout(gemm, m, k, n, f64);
  const memory = gemm.memory;
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  const View = f64 ? Float64Array : Float32Array;
  new View(memory.buffer, rawA, m * k).set(a);
  new View(memory.buffer, rawB, k * n).set(b);
  const ldA = transposeA ? m : k;
  const ldB = transposeB ? k : n;
  const code = epilogueCode(epilogue);
  if (code > 0) placeBias(memory, f64, epilogue?.bias ?? null, bias, ldc);
  const transA = transposeA ? 1 : 0;
  const transB = transposeB ? 1 : 0;
  (f64 ? gemm.packA64 : gemm.packA32)(rawA, packA, m, k, transA, ldA);
  (f64 ? gemm.packB64 : gemm.packB32)(rawB, packB, k, n, transB, ldB);
  (f64 ? gemm.gemm64 : gemm.gemm32)(packA, packB, c, m, k, n, ldc, bias, code);
  copyProduct(new View(memory.buffer, c, ((m + 3) & ~3) * ldc), out, m, n, ldc);
  return out;
}
