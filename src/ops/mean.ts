import type { Tensor } from '../tensor/index.js';
import { normalizeAxes } from '../tensor/index.js';
import { mul } from './mul.js';
import { assertTensor } from './operand.js';
import { sum, type ReduceOptions } from './sum.js';

/**
 * The mean over the given axes (all by default).
 *
 * mean = sum · (1/n), so its gradient comes from sum's and mul's rules.
 */
export function mean(x: Tensor, axes?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  assertTensor('mean', x);
  const list = normalizeAxes('mean', axes, x.rank);
  let count = 1;
  for (const a of list) count *= x.shape[a];
  return mul(sum(x, list, options), 1 / count);
}
