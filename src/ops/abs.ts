import type { Tensor } from '../tensor/index.js';
import { computeUnary, unaryOp } from './elementwise.js';
import { mul } from './mul.js';
import { assertTensor } from './operand.js';

// d|x| = dy·sign(x), with sign(0) = 0 (the subgradient PyTorch and TensorFlow use).
export function abs(x: Tensor): Tensor {
  return unaryOp('abs', Math.abs, assertTensor('abs', x), (dy, x) => mul(dy, computeUnary(Math.sign, x)));
}
