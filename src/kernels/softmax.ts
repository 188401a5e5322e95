import type { FloatArray } from './types.js';
import { expKernel, logSoftmaxRows } from './wasm/activations.js';

/**
 * log softmax along one axis laid out as (outer, len, inner):
 * y = x − logZ, logZ = max + log Σ exp(x − max), stable for large positive or negative logits.
 *
 * Contiguous rows (inner = 1, the classifier's [batch, classes] logits) run whole in WebAssembly
 * (logSoftmaxRows64 in assembly/activations.ts: max, the exp kernel over the block of shifted values,
 * sum, log, subtraction), in one call per batch: rows are short (10 classes) and a call costs ≈ 60 ns,
 * more than a row's exponentials, and the same loops in JavaScript around one exp call ran at 9.7
 * against 5.8 ns per element at 32×10 (bench/exp.mjs). Strided rows, and everything without SIMD or
 * under `setKernelBackend('js')`, run here with expKernel (Math.exp in the latter cases). Both sum a
 * row as the kernel does: even and odd positions apart, then together, then the odd last element.
 */
export function logSoftmax(a: FloatArray, outer: number, len: number, inner: number, out: FloatArray): FloatArray {
  if (inner === 1 && logSoftmaxRows(a, outer, len, out)) return out;
  const n = outer * len * inner;
  const maxes = new Float64Array(outer * inner);
  const shifted = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * len * inner + j;
      let max = -Infinity;
      for (let r = 0; r < len; r++) max = Math.max(max, a[base + r * inner]);
      if (max === -Infinity) max = 0;
      maxes[o * inner + j] = max;
      for (let r = 0; r < len; r++) shifted[base + r * inner] = a[base + r * inner] - max;
    }
  }
  expKernel(shifted, shifted);
  const pairs = len & ~1;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * len * inner + j;
      let even = 0;
      let odd = 0;
      for (let r = 0; r < pairs; r += 2) {
        even += shifted[base + r * inner];
        odd += shifted[base + (r + 1) * inner];
      }
      const sum = pairs < len ? even + odd + shifted[base + pairs * inner] : even + odd;
      const logZ = maxes[o * inner + j] + Math.log(sum);
      for (let r = 0; r < len; r++) out[base + r * inner] = a[base + r * inner] - logZ;
    }
  }
  return out;
}
