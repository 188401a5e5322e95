import { logSoftmax as logSoftmaxKernel } from '../kernels/index.js';
import { Tensor, allocate, normalizeAxis, record } from '../tensor/index.js';
import { computeUnary } from './elementwise.js';
import { mul } from './mul.js';
import { assertTensor } from './operand.js';
import { sub } from './sub.js';
import { computeSum } from './sum.js';

/**
 * log(softmax(x)) along an axis, computed without overflow.
 *
 * y = x − logΣexp(x) along `axis`; dx = dy − softmax(x)·Σ dy (sum along the axis).
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  assertTensor('logSoftmax', x);
  const ax = normalizeAxis('logSoftmax', axis, x.rank);
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < ax; d++) outer *= x.shape[d];
  for (let d = ax + 1; d < x.rank; d++) inner *= x.shape[d];
  const out = allocate(x.dtype, x.size);
  logSoftmaxKernel(x.data, outer, x.shape[ax], inner, out);
  const y = new Tensor(out, x.shape);
  return record(y, 'logSoftmax', [x], (dy) => {
    const softmax = computeUnary(Math.exp, y);
    return [sub(dy, mul(softmax, computeSum(dy, [ax], true)))];
  });
}
