import { ShapeError, formatShape } from '../errors.js';
import { matmul as matmulKernel, sumAxes } from '../kernels/index.js';
import { Tensor, type TypedArray, allocate, record } from '../tensor/index.js';
import { computeMatmul } from './matmul.js';
import { assertTensor, resolveOperands } from './operand.js';

/**
 * A dense layer's affine map X·Wᵀ + b in one op.
 *
 * A dense layer's affine map Z = X·Wᵀ + b, with X [m, in], W [out, in], b [out] (or null). With G = dZ:
 * dX = G·W,  dW = Gᵀ·X,  db = Σ_rows G.
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const out = linearProduct('linear', x, weight, bias, false);
  const [m] = x.shape;
  const outSize = weight.shape[0];
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record(new Tensor(out, [m, outSize]), 'linear', inputs, (g) => {
    const dx = x.requiresGrad ? computeMatmul(g, weight, false, false) : null;
    const dw = weight.requiresGrad ? computeMatmul(g, x, true, false) : null;
    let db: Tensor | null = null;
    if (bias?.requiresGrad) {
      const d = allocate(g.dtype, outSize);
      sumAxes(g.data, g.shape, [0], d);
      db = new Tensor(d, [outSize]);
    }
    return bias ? [dx, dw, db] : [dx, dw];
  });
}

/**
 * X·Wᵀ + b, then max(·, 0) when relu, after checking X, W and b for `op`: the forward pass of linear and
 * linearActivation (the bias and relu run in the matrix-product kernel's pass over its result).
 */
export function linearProduct(op: string, x: Tensor, weight: Tensor, bias: Tensor | null, relu: boolean): TypedArray {
  assertTensor(op, x, 'X');
  assertTensor(op, weight, 'W');
  resolveOperands(op, x, weight);
  if (x.rank !== 2 || weight.rank !== 2 || x.shape[1] !== weight.shape[1]) {
    throw new ShapeError(
      `${op}: X ${formatShape(x.shape)} does not fit W ${formatShape(weight.shape)} ` +
        `(expected X [m, ${weight.shape[1] ?? '?'}])`,
    );
  }
  const [m, inSize] = x.shape;
  const outSize = weight.shape[0];
  if (bias) {
    resolveOperands(op, x, bias);
    if (bias.rank !== 1 || bias.shape[0] !== outSize) {
      throw new ShapeError(
        `${op}: bias ${formatShape(bias.shape)} does not fit W ${formatShape(weight.shape)} (expected [${outSize}])`,
      );
    }
  }
  const out = allocate(x.dtype, m * outSize);
  matmulKernel(x.data, weight.data, out, m, inSize, outSize, false, true, { bias: bias?.data ?? null, relu });
  return out;
}
