import type { Tensor } from '../tensor/index.js';
import { exp } from './exp.js';
import { logSoftmax } from './logSoftmax.js';

/**
 * Softmax along an axis (the last by default).
 *
 * softmax = exp(logSoftmax(x)): stable, and differentiated through the two rules it is made of.
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return exp(logSoftmax(x, axis));
}
