import type { Tensor, TypedArray } from '../tensor/index.js';
import { Optimizer } from './optimizer.js';

export interface RMSpropOptions {
  learningRate?: number;
  rho?: number;
  epsilon?: number;
}

// s ← ρ·s + (1 − ρ)·g²;  w ← w − α·g / (√s + ε)
export class RMSprop extends Optimizer {
  readonly name = 'rmsprop';
  readonly rho: number;
  readonly epsilon: number;

  constructor(options: RMSpropOptions = {}) {
    super(options.learningRate ?? 0.001);
    this.rho = options.rho ?? 0.9;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** RMSprop's update of one parameter from its gradient and its squared-gradient average. */
  protected update(index: number, param: Tensor, w: TypedArray, g: TypedArray): void {
    const [s] = this.buffers(index, param, 1);
    const { rho, epsilon } = this;
    const lr = this.learningRate;
    for (let i = 0; i < w.length; i++) {
      s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
      w[i] -= (lr * g[i]) / (Math.sqrt(s[i]) + epsilon);
    }
  }

  config() {
    return { name: this.name, learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}
