import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor/index.js';
import { gradientMap, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Limits every entry to [min, max].
 *
 * d clip(x, lo, hi) = dy·[lo ≤ x ≤ hi] (the boundaries pass the gradient, as in PyTorch's clamp).
 */
export function clip(x: Tensor, min: number, max: number): Tensor {
  if (min > max) throw new ArgumentError(`clip: min (${min}) must not exceed max (${max})`);
  return unaryOp(
    'clip',
    (v) => (v < min ? min : Math.min(v, max)),
    assertTensor('clip', x),
    (dy, x) => gradientMap(dy, x, (g, v) => (v >= min && v <= max ? g : 0)),
  );
}
