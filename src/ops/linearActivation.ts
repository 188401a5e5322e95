import { ArgumentError } from '../errors.js';
import { activationGrad, biasActivate, type DenseActivation } from '../kernels/index.js';
import { Tensor, allocate, record } from '../tensor/index.js';
import { computeMatmul } from './matmul.js';
import { linearProduct } from './linear.js';

export type FusedActivation = DenseActivation;

/**
 * A dense layer in one op: activation(X·Wᵀ + b), the fast path training uses.
 *
 * A dense layer with its activation in one primitive: A = f(X·Wᵀ + b). The bias add and f run in the
 * same pass over the product; backward first forms G = dA ⊙ f′ in one pass, where f′ is read from the
 * output A (relu/leakyRelu: A > 0 ⇔ z > 0; tanh: 1 − A²; sigmoid: A·(1 − A)), then
 * dX = G·W,  dW = Gᵀ·X,  db = Σ_rows G.
 */
export function linearActivation(
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
  slope = 0.01,
): Tensor {
  if (activation === 'leakyRelu' && !(slope > 0))
    throw new ArgumentError(`linearActivation: leakyRelu needs a positive slope, got ${slope}`);
  const relu = activation === 'relu';
  const a = linearProduct('linearActivation', x, weight, bias, relu);
  const [m] = x.shape;
  const outSize = weight.shape[0];
  if (!relu) biasActivate(a, null, m, outSize, activation, slope);
  const out = new Tensor(a, [m, outSize]);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record(out, `linear+${activation}`, inputs, (dy) => {
    const db = bias?.requiresGrad ? allocate(dy.dtype, bias.size) : null;
    const g = activationGrad(a, dy.data, allocate(dy.dtype, dy.size), activation, slope, db);
    const G = new Tensor(g, dy.shape);
    const dx = x.requiresGrad ? computeMatmul(G, weight, false, false) : null;
    const dw = weight.requiresGrad ? computeMatmul(G, x, true, false) : null;
    const dbTensor = bias && db ? new Tensor(db, bias.shape) : null;
    return bias ? [dx, dw, dbTensor] : [dx, dw];
  });
}
