import type { Tensor } from '../tensor/index.js';
import { computeUnary, unaryOp } from './elementwise.js';
import { mul } from './mul.js';
import { assertTensor } from './operand.js';

// d tanh(x) = dy·(1 − tanh²(x)).
export function tanh(x: Tensor): Tensor {
  return unaryOp('tanh', Math.tanh, assertTensor('tanh', x), (dy, _x, out) => mul(dy, computeUnary((t) => 1 - t * t, out)));
}
