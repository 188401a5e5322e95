import type { Generator } from '../random/index.js';

/** Row indices of each mini-batch for one epoch: a seeded permutation (or 0..m−1), cut into batches. */
export function batchIndices(m: number, batchSize: number, generator: Generator | null): Int32Array[] {
  const order = generator ? generator.permutation(m) : Int32Array.from({ length: m }, (_, i) => i);
  const size = Math.max(1, Math.min(batchSize, m));
  const out: Int32Array[] = [];
  for (let start = 0; start < m; start += size) out.push(order.subarray(start, Math.min(m, start + size)));
  return out;
}
