import type { FloatArray } from '../kernels/types.js';

/**
 * How the main thread and the matrix-product helper thread talk: an Int32Array over a small
 * SharedArrayBuffer (the slots below) and a larger SharedArrayBuffer for the numbers (replaced by a
 * bigger one, sent on a MessagePort, when a product does not fit).
 */
export const SLOT = {
  /** IDLE, POSTED (work waiting), DONE or FAILED; the helper waits while it is not POSTED. */
  state: 0,
  /** 1 once the helper runs, −1 when it cannot (no WebAssembly SIMD there). */
  ready: 1,
  rows: 2,
  k: 3,
  n: 4,
  /** Bit 0: A stored transposed; bit 1: B stored transposed; bit 2: float64. */
  flags: 5,
  /** How many data buffers the main thread has sent; the helper reads the port until it has them all. */
  bufferVersion: 6,
  /** Byte offsets of A's rows, B and the product's rows in the data buffer. */
  aOffset: 7,
  bOffset: 8,
  cOffset: 9,
} as const;

export const SLOTS = 10;

export const STATE = { idle: 0, posted: 1, done: 2, failed: 3 } as const;

/** A float view of shared memory, typed as the kernels' arrays (they only read and write elements). */
export function sharedView(f64: boolean, buffer: SharedArrayBuffer, byteOffset: number, length: number): FloatArray {
  const view = f64 ? new Float64Array(buffer, byteOffset, length) : new Float32Array(buffer, byteOffset, length);
  return view as unknown as FloatArray;
}
