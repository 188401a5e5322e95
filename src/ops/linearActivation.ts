import { ArgumentError } from '../errors.js';
import { sumAxes, tanhKernel } from '../kernels/index.js';
import { Tensor, allocate, record, withGradMode } from '../tensor/index.js';
import { computeMatmul } from './matmul.js';
import { linear } from './linear.js';
import { stableSigmoid } from './sigmoid.js';

export type FusedActivation = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid';

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
  const z = withGradMode(false, () => linear(x, weight, bias)); // shapes and dtypes are checked by linear
  const a = z.data;
  switch (activation) {
    case 'relu':
      for (let i = 0; i < a.length; i++) if (!(a[i] > 0) && !Number.isNaN(a[i])) a[i] = 0;
      break;
    case 'leakyRelu':
      for (let i = 0; i < a.length; i++) if (a[i] < 0) a[i] *= slope;
      break;
    case 'tanh':
      tanhKernel(a, a); // the same kernel as the tanh op, so fused and unfused agree bit for bit
      break;
    case 'sigmoid':
      for (let i = 0; i < a.length; i++) a[i] = stableSigmoid(a[i]);
      break;
  }
  const out = z;
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record(out, `linear+${activation}`, inputs, (dy) => {
    const g = allocate(dy.dtype, dy.size);
    const d = dy.data;
    switch (activation) {
      case 'relu':
        for (let i = 0; i < g.length; i++) g[i] = a[i] > 0 ? d[i] : 0;
        break;
      case 'leakyRelu':
        for (let i = 0; i < g.length; i++) g[i] = a[i] > 0 ? d[i] : slope * d[i];
        break;
      case 'tanh':
        for (let i = 0; i < g.length; i++) g[i] = d[i] * (1 - a[i] * a[i]);
        break;
      case 'sigmoid':
        for (let i = 0; i < g.length; i++) g[i] = d[i] * a[i] * (1 - a[i]);
        break;
    }
    const G = new Tensor(g, dy.shape);
    const dx = x.requiresGrad ? computeMatmul(G, weight, false, false) : null;
    const dw = weight.requiresGrad ? computeMatmul(G, x, true, false) : null;
    let db: Tensor | null = null;
    if (bias?.requiresGrad) {
      const s = allocate(G.dtype, bias.size);
      sumAxes(G.data, G.shape, [0], s);
      db = new Tensor(s, bias.shape);
    }
    return bias ? [dx, dw, db] : [dx, dw];
  });
}
