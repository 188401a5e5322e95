import type { Tensor } from '../tensor/index.js';
import { computeUnary, unaryOp } from './elementwise.js';
import { mul } from './mul.js';
import { assertTensor } from './operand.js';

// d relu(x) = dy·[x > 0] (0 at x = 0, as in PyTorch).
export function relu(x: Tensor): Tensor {
  return unaryOp('relu', (v) => (v > 0 ? v : v === v ? 0 : v), assertTensor('relu', x), (dy, x) =>
    mul(dy, computeUnary((v) => (v > 0 ? 1 : 0), x)),
  );
}
