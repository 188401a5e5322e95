import type { FloatArray } from '../types.js';
import {
  copyProduct,
  type Epilogue,
  epilogueCode,
  type GemmExports,
  packedABytes,
  placeBias,
  productLayout,
} from './gemm.js';
import { instantiateEmbedded } from './embedded.js';
import { GEMM_SHARED_MAX_PAGES, GEMM_SHARED_WASM_BASE64 } from './gemmBinary.js';

// One matrix product, two threads, one shared WebAssembly memory. The calling thread copies A and B in
// once and publishes a job; then both threads run their share: they claim blocks of A's rows and pack
// them, then claim chunks of columns, each of which they pack (that chunk of B) and multiply by all of
// packed A into those columns of C. Splitting the multiplication by columns keeps a thread's chunk of B
// (32 columns) in its own cache while all rows stream past it. Claims are atomic counters, so a helper
// that wakes late takes fewer pieces: the caller never waits for it to start. Nor does the caller wait
// for a helper that the OS has descheduled in the middle of a piece (the machine is shared): after a
// short spin it computes that piece itself. Both threads then write the same bits to the same place,
// because every output entry is the kernel's sum over the whole k in the same order whichever thread
// computes it; for the same reason the result matches one thread bit for bit. The caller only waits for
// the helper to leave a product before it writes the next one's operands.

/** Slots of the Int32Array both threads share. */
export const CONTROL = {
  /** Increments for each product (1…32767, then 1 again); the helper sleeps while it does not change. */
  job: 0,
  /** (job << 16) | the next block of rows of A to pack / chunk of columns to multiply. */
  nextRows: 1,
  nextColumns: 2,
  /** 1 while the helper may still write to the shared memory for a product. */
  helperBusy: 3,
  /** Byte addresses in the shared memory. */
  rawA: 4,
  rawB: 5,
  packA: 6,
  packB: 7,
  c: 8,
  m: 9,
  k: 10,
  n: 11,
  /** Row stride of the padded product. */
  ldc: 12,
  /** Bit 0: A stored transposed; bit 1: B stored transposed; bit 2: float64; bits 3–4: the epilogue code. */
  flags: 13,
  chunkColumns: 14,
  blockRows: 15,
  /** 1 once the helper runs, −1 when it cannot (no WebAssembly SIMD or shared memory there). */
  ready: 16,
  /** Pieces the helper has computed since it started (tests check that it takes part). */
  helperPieces: 17,
  /** Byte address of the bias (zero-padded to the padded columns of C) when there is an epilogue. */
  bias: 18,
  /** From here, MAX_PIECES slots: the job whose block of rows of A is packed; then MAX_PIECES for chunks of columns. */
  doneRows: 32,
} as const;
const MAX_PIECES = 1024;
const DONE_COLUMNS = CONTROL.doneRows + MAX_PIECES;
export const CONTROL_SLOTS = DONE_COLUMNS + MAX_PIECES;

/**
 * Work sizes: columns in chunks of 32 (4 panels of 8 floats, 8 of 4 doubles; a chunk of packed B is
 * 100 KiB of float32 at k = 784) and A packed in blocks of 16 rows, so that the batch-128 products of a
 * dense layer come in 4 to 25 pieces of each kind: fine enough that the two threads finish within one
 * small piece of each other, coarse enough that claiming (one compare-and-swap) costs nothing measurable.
 * Larger products use larger pieces, at most MAX_PIECES of each kind.
 */
const CHUNK_COLUMNS = 32;
const BLOCK_ROWS = 16;

/** The shared memory both threads' kernels work in (initially 1 page; grown by the calling thread). */
export function createSharedGemmMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 1, maximum: GEMM_SHARED_MAX_PAGES, shared: true });
}

/** The kernels over a shared memory, or null where shared WebAssembly memory or SIMD is unavailable. */
export function instantiateSharedGemm(memory: WebAssembly.Memory): GemmExports | null {
  const exports = instantiateEmbedded<Omit<GemmExports, 'memory'>>(GEMM_SHARED_WASM_BASE64, 'gemm.wasm', memory);
  return exports && { ...exports, memory };
}

/** Atomically takes the next piece of `job` from a counter slot, or −1 when none is left (or the job ended). */
export function claim(control: Int32Array, slot: number, job: number, total: number): number {
  for (;;) {
    const value = Atomics.load(control, slot);
    if (value >>> 16 !== job || (value & 0xffff) >= total) return -1;
    if (Atomics.compareExchange(control, slot, value, value + 1) === value) return value & 0xffff;
  }
}

/** One product as both threads read it from the control slots. */
class Product {
  readonly rawA: number;
  readonly rawB: number;
  readonly packA: number;
  readonly packB: number;
  readonly c: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly ldc: number;
  readonly transposeA: number;
  readonly transposeB: number;
  readonly size: number;
  readonly aBytes: number;
  readonly chunkColumns: number;
  readonly blockRows: number;
  readonly chunks: number;
  readonly blocks: number;
  private readonly packAFn: GemmExports['packA32'];
  private readonly packBFn: GemmExports['packB32'];
  private readonly gemmFn: GemmExports['gemm32'];
  private readonly epilogue: number;
  private readonly bias: number;

  constructor(
    gemm: GemmExports,
    private readonly control: Int32Array,
    readonly job: number,
  ) {
    const ld = (slot: number) => Atomics.load(control, slot);
    this.rawA = ld(CONTROL.rawA);
    this.rawB = ld(CONTROL.rawB);
    this.packA = ld(CONTROL.packA);
    this.packB = ld(CONTROL.packB);
    this.c = ld(CONTROL.c);
    this.m = ld(CONTROL.m);
    this.k = ld(CONTROL.k);
    this.n = ld(CONTROL.n);
    this.ldc = ld(CONTROL.ldc);
    const flags = ld(CONTROL.flags);
    this.transposeA = flags & 1;
    this.transposeB = (flags >> 1) & 1;
    const f64 = (flags & 4) !== 0;
    this.size = f64 ? 8 : 4;
    this.aBytes = packedABytes(f64);
    this.chunkColumns = ld(CONTROL.chunkColumns);
    this.blockRows = ld(CONTROL.blockRows);
    this.chunks = Math.ceil(this.n / this.chunkColumns);
    this.blocks = Math.ceil(this.m / this.blockRows);
    this.packAFn = f64 ? gemm.packA64 : gemm.packA32;
    this.packBFn = f64 ? gemm.packB64 : gemm.packB32;
    this.gemmFn = f64 ? gemm.gemm64 : gemm.gemm32;
    this.epilogue = (flags >> 3) & 3;
    this.bias = ld(CONTROL.bias);
  }

  /** Packs rows [16·block, …) of A into their panels. */
  packRows(block: number): void {
    const { m, k, size, rawA, transposeA } = this;
    const i0 = block * this.blockRows;
    const rows = Math.min(this.blockRows, m - i0);
    const src = transposeA ? rawA + i0 * size : rawA + i0 * k * size;
    this.packAFn(src, this.packA + i0 * k * this.aBytes, rows, k, transposeA, transposeA ? m : k);
    Atomics.store(this.control, CONTROL.doneRows + block, this.job);
  }

  /** Packs one chunk of B's columns and multiplies all of packed A into those columns of C. */
  multiplyColumns(chunk: number): void {
    const { k, n, size, rawB, transposeB } = this;
    const j0 = chunk * this.chunkColumns;
    const cols = Math.min(this.chunkColumns, n - j0);
    const src = transposeB ? rawB + j0 * k * size : rawB + j0 * size;
    const panel = this.packB + j0 * k * size;
    this.packBFn(src, panel, k, cols, transposeB, transposeB ? k : n);
    this.gemmFn(this.packA, panel, this.c + j0 * size, this.m, k, cols, this.ldc, this.bias + j0 * size, this.epilogue);
    Atomics.store(this.control, DONE_COLUMNS + chunk, this.job);
  }

  rowsDone(block: number): boolean {
    return Atomics.load(this.control, CONTROL.doneRows + block) === this.job;
  }

  columnsDone(chunk: number): boolean {
    return Atomics.load(this.control, DONE_COLUMNS + chunk) === this.job;
  }
}

/**
 * The helper's share of product `job`: the blocks of A it claims, then (once the caller has packed the
 * rest of A) the chunks of columns it claims. Returns how many pieces it computed.
 */
export function helpWithProduct(gemm: GemmExports, control: Int32Array, job: number): number {
  const product = new Product(gemm, control, job);
  let pieces = 0;
  for (let block = claim(control, CONTROL.nextRows, job, product.blocks); block >= 0; pieces++) {
    product.packRows(block);
    block = claim(control, CONTROL.nextRows, job, product.blocks);
  }
  for (let block = 0; block < product.blocks; block++) {
    for (let spins = 0; !product.rowsDone(block); spins++) {
      if (Atomics.load(control, CONTROL.job) !== job) return pieces; // the caller finished without us
      if (spins > SPINS) Atomics.wait(control, CONTROL.job, job, 1);
    }
  }
  for (let chunk = claim(control, CONTROL.nextColumns, job, product.chunks); chunk >= 0; pieces++) {
    product.multiplyColumns(chunk);
    chunk = claim(control, CONTROL.nextColumns, job, product.chunks);
  }
  return pieces;
}

/** Busy-wait checks before giving up on the helper or, in the helper, sleeping (about 0.14 ms, measured). */
const SPINS = 20_000;

/**
 * How long the caller spins on a piece the helper is computing before computing it too, as a multiple of
 * its own time per piece: the helper started that piece no later than the caller's last one, so it is
 * late only when the OS has taken its core away.
 */
const PATIENCE = 1.5;

/**
 * The calling thread's side: copies A and B into the shared memory, publishes the product, computes its
 * share (and any piece the helper is late with) and copies the product out. Returns false (nothing
 * written) when the product does not fit the shared memory or the helper is still inside the previous
 * product; the caller then computes it alone.
 */
export class SharedGemm {
  private job = 0;

  /**
   * `onPublished` runs once a product is published, before this thread's share (tests use it to play a
   * helper that claims a piece and never finishes it).
   */
  constructor(
    private readonly gemm: GemmExports,
    readonly control: Int32Array,
    private readonly onPublished: (job: number) => void = () => {},
  ) {}

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
    const f64 = a instanceof Float64Array;
    const place = productLayout(this.gemm, m, k, n, f64);
    const memory = this.gemm.memory;
    if (place.end > memory.buffer.byteLength) {
      const pages = Math.ceil((place.end - memory.buffer.byteLength) / 65536);
      if (memory.buffer.byteLength / 65536 + pages > GEMM_SHARED_MAX_PAGES) return false;
      memory.grow(pages);
    }
    const control = this.control;
    // The helper may still be finishing a piece of the previous product (which this thread also
    // computed): it must not write into the operands of this one.
    if (!this.helperLeft()) return false;
    const View = f64 ? Float64Array : Float32Array;
    const buffer = memory.buffer;
    new View(buffer, place.rawA, m * k).set(a.subarray(0, m * k));
    new View(buffer, place.rawB, k * n).set(b.subarray(0, k * n));
    const code = epilogueCode(epilogue);
    if (code > 0) placeBias(memory, f64, epilogue?.bias ?? null, place.bias, place.ldc);
    const job = (this.job % 32767) + 1;
    this.job = job;
    const chunkColumns = CHUNK_COLUMNS * Math.ceil(n / CHUNK_COLUMNS / MAX_PIECES);
    const blockRows = BLOCK_ROWS * Math.ceil(m / BLOCK_ROWS / MAX_PIECES);
    // Job ids repeat every 32,767 products: a piece's "done" mark from that long ago must not count.
    control.fill(0, CONTROL.doneRows, CONTROL.doneRows + Math.ceil(m / blockRows));
    control.fill(0, DONE_COLUMNS, DONE_COLUMNS + Math.ceil(n / chunkColumns));
    Atomics.store(control, CONTROL.rawA, place.rawA);
    Atomics.store(control, CONTROL.rawB, place.rawB);
    Atomics.store(control, CONTROL.packA, place.packA);
    Atomics.store(control, CONTROL.packB, place.packB);
    Atomics.store(control, CONTROL.c, place.c);
    Atomics.store(control, CONTROL.m, m);
    Atomics.store(control, CONTROL.k, k);
    Atomics.store(control, CONTROL.n, n);
    Atomics.store(control, CONTROL.ldc, place.ldc);
    Atomics.store(control, CONTROL.flags, (transposeA ? 1 : 0) | (transposeB ? 2 : 0) | (f64 ? 4 : 0) | (code << 3));
    Atomics.store(control, CONTROL.bias, place.bias);
    Atomics.store(control, CONTROL.chunkColumns, chunkColumns);
    Atomics.store(control, CONTROL.blockRows, blockRows);
    Atomics.store(control, CONTROL.nextRows, job << 16);
    Atomics.store(control, CONTROL.nextColumns, job << 16);
    Atomics.store(control, CONTROL.job, job);
    Atomics.notify(control, CONTROL.job);
    this.onPublished(job);
    const product = new Product(this.gemm, control, job);
    let started = performance.now();
    let pieces = 0;
    for (let block = claim(control, CONTROL.nextRows, job, product.blocks); block >= 0; pieces++) {
      product.packRows(block);
      block = claim(control, CONTROL.nextRows, job, product.blocks);
    }
    let perPiece = (performance.now() - started) / Math.max(1, pieces);
    for (let block = 0; block < product.blocks; block++)
      if (!this.patient(() => product.rowsDone(block), perPiece)) product.packRows(block);
    started = performance.now();
    pieces = 0;
    for (let chunk = claim(control, CONTROL.nextColumns, job, product.chunks); chunk >= 0; pieces++) {
      product.multiplyColumns(chunk);
      chunk = claim(control, CONTROL.nextColumns, job, product.chunks);
    }
    perPiece = (performance.now() - started) / Math.max(1, pieces);
    for (let chunk = 0; chunk < product.chunks; chunk++)
      if (!this.patient(() => product.columnsDone(chunk), perPiece)) product.multiplyColumns(chunk);
    copyProduct(new View(buffer, place.c, ((m + 3) & ~3) * place.ldc), out, m, n, place.ldc);
    return true;
  }

  /** True once `done()` holds, false when it still does not after PATIENCE × perPiece milliseconds. */
  private patient(done: () => boolean, perPiece: number): boolean {
    if (done()) return true;
    const deadline = performance.now() + PATIENCE * perPiece;
    for (;;) {
      for (let spins = 0; spins < 100; spins++) if (done()) return true;
      if (performance.now() > deadline) return false;
    }
  }

  /**
   * True once the helper has left the previous product (a short spin); false while it is still inside,
   * which happens when the OS took its core mid-piece: waiting for it could take a whole time slice
   * (milliseconds) on a busy machine, so this product runs on one thread instead (in the caller's own
   * memory, where the helper's late writes cannot reach).
   */
  private helperLeft(): boolean {
    const control = this.control;
    for (let spins = 0; spins < SPINS; spins++) if (Atomics.load(control, CONTROL.helperBusy) === 0) return true;
    return false;
  }
}
