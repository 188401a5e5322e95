import type { Tensor } from '../tensor/index.js';
import { computeUnary, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

/**
 * Elementwise −x.
 *
 * d(−x) = −dy.
 */
export function neg(x: Tensor): Tensor {
  return unaryOp(
    'neg',
    (v) => -v,
    assertTensor('neg', x),
    (dy) => computeUnary((v) => -v, dy),
  );
}
