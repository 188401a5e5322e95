import type { DType, TypedArray } from './dtype.js';

/**
 * Buffer reuse for hot loops. Inside `withBufferScope(fn)`, every buffer that `allocate` hands out is
 * recorded; when fn returns, they all go back to free lists keyed by dtype and length, and the next
 * scope takes them from there instead of allocating. A training step allocates the same shapes every
 * time, so from the second step on it allocates nothing. Nothing allocated inside a scope may be used
 * after it ends: the caller must keep only plain numbers (or copies).
 */
class BufferPool {
  private readonly free = new Map<string, TypedArray[]>();
  private scope: TypedArray[] | null = null;
  /** Buffers created inside scopes, and buffers handed out again from the free lists. */
  readonly stats = { created: 0, reused: 0 };

  take(dtype: DType, size: number): TypedArray | null {
    if (!this.scope) return null;
    const reused = this.free.get(`${dtype}:${size}`)?.pop();
    if (reused) this.stats.reused++;
    else this.stats.created++;
    const buffer = reused ? reused.fill(0) : dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
    this.scope.push(buffer);
    return buffer;
  }

  run<T>(fn: () => T): T {
    if (this.scope) return fn(); // nested scopes belong to the outer one
    this.scope = [];
    try {
      return fn();
    } finally {
      const used = this.scope;
      this.scope = null;
      for (const buffer of used) {
        const key = `${buffer instanceof Float64Array ? 'float64' : 'float32'}:${buffer.length}`;
        let list = this.free.get(key);
        if (!list) {
          list = [];
          this.free.set(key, list);
        }
        list.push(buffer);
      }
    }
  }

  clear(): void {
    this.free.clear();
  }
}

export const bufferPool = new BufferPool();

/** Runs fn with buffer reuse (see BufferPool); returns its result, which must not hold scoped tensors. */
export function withBufferScope<T>(fn: () => T): T {
  return bufferPool.run(fn);
}

/** A zero-filled buffer: from the step-scoped pool inside withBufferScope, else a new array. */
export function allocate(dtype: DType, size: number): TypedArray {
  return bufferPool.take(dtype, size) ?? (dtype === 'float64' ? new Float64Array(size) : new Float32Array(size));
}
