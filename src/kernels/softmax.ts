import type { FloatArray } from './types.js';

/**
 * log softmax along one axis laid out as (outer, len, inner):
 * y = x − max − log Σ exp(x − max), stable for large positive or negative logits.
 */
export function logSoftmax(a: FloatArray, outer: number, len: number, inner: number, out: FloatArray): FloatArray {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * len * inner + j;
      let max = -Infinity;
      for (let r = 0; r < len; r++) max = Math.max(max, a[base + r * inner]);
      if (max === -Infinity) max = 0;
      let sum = 0;
      for (let r = 0; r < len; r++) sum += Math.exp(a[base + r * inner] - max);
      const logZ = max + Math.log(sum);
      for (let r = 0; r < len; r++) out[base + r * inner] = a[base + r * inner] - logZ;
    }
  }
  return out;
}
