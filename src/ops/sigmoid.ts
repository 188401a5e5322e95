import { stableSigmoid } from '../kernels/index.js';
import type { Tensor } from '../tensor/index.js';
import { gradientMap, unaryOp } from './elementwise.js';
import { assertTensor } from './operand.js';

export { stableSigmoid };

/**
 * Elementwise logistic function σ(x) = 1/(1 + e⁻ˣ), stable for large |x|.
 *
 * d σ(x) = dy·σ(x)·(1 − σ(x)).
 */
export function sigmoid(x: Tensor): Tensor {
  return unaryOp('sigmoid', stableSigmoid, assertTensor('sigmoid', x), (dy, _x, out) =>
    gradientMap(dy, out, (g, s) => g * s * (1 - s)),
  );
}
