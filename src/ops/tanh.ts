import { tanhKernel } from '../kernels/index.js';
import { allocate, record, Tensor } from '../tensor/index.js';
import { gradientMap } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise hyperbolic tangent. The forward runs the WebAssembly SIMD kernel (within 2 ulp, odd,
 * monotone; Math.tanh where SIMD is unavailable), which is ~3× a Math.tanh loop (docs/performance.md).
 *
 * d tanh(x) = dy·(1 − tanh²(x)).
 */
export function tanh(x: Tensor): Tensor {
  const input = assertTensor('tanh', x);
  const out = new Tensor(tanhKernel(input.data, allocate(input.dtype, input.size)), input.shape);
  return record(out, 'tanh', [input], (dy) => [gradientMap(dy, out, (g, t) => g * (1 - t * t))]);
}
