import type { Tensor, TypedArray } from '../tensor/index.js';
import { Optimizer } from './optimizer.js';

export interface AdamOptions {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

// m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²
// m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);  w ← w − α·m̂ / (√v̂ + ε)
export class Adam extends Optimizer {
  readonly name = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(options: AdamOptions = {}) {
    super(options.learningRate ?? 0.001);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Adam's update of one parameter from its gradient and its two moment buffers. */
  protected update(index: number, param: Tensor, w: TypedArray, g: TypedArray): void {
    const [m, v] = this.buffers(index, param, 2);
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 - beta1 ** this.iterations;
    const c2 = 1 - beta2 ** this.iterations;
    const lr = this.learningRate;
    for (let i = 0; i < w.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
    }
  }

  config() {
    return {
      name: this.name,
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
    };
  }
}
