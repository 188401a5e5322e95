import type { Generator } from '../random/index.js';

/** Row indices of each mini-batch for one epoch: a seeded permutation (or 0..m−1), cut into batches. */
export function batchIndices(m: number, batchSize: number, generator: Generator | null): Int32Array[] {
  if (!generator && batchSize >= m) return [identity(m)];
  const order = generator ? generator.permutation(m) : identity(m);
  const size = Math.max(1, Math.min(batchSize, m));
  const out: Int32Array[] = [];
  for (let start = 0; start < m; start += size) out.push(order.subarray(start, Math.min(m, start + size)));
  return out;
}

let cachedIdentity = new Int32Array(0);

function identity(m: number): Int32Array {
  if (cachedIdentity.length !== m) {
    cachedIdentity = new Int32Array(m);
    for (let i = 0; i < m; i++) cachedIdentity[i] = i;
  }
  return cachedIdentity;
}
