import type { Tensor, TypedArray } from '../tensor/index.js';
import { Optimizer } from './optimizer.js';

export interface SGDOptions {
  learningRate?: number;
  momentum?: number;
  nesterov?: boolean;
}

// Plain:     w ← w − α·g
// Momentum:  v ← μ·v + g;  w ← w − α·v            (PyTorch's form; the course's β-average differs by (1−β) in α)
// Nesterov:  v ← μ·v + g;  w ← w − α·(g + μ·v)
export class SGD extends Optimizer {
  readonly name = 'sgd';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super(options.learningRate ?? 0.01);
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum < 1))
      throw new RangeError(`sgd: momentum must be in [0, 1), got ${this.momentum}`);
    if (this.nesterov && this.momentum === 0) throw new RangeError('sgd: nesterov needs momentum > 0');
  }

  /** SGD's update of one parameter, with momentum and Nesterov when configured. */
  protected update(index: number, param: Tensor, w: TypedArray, g: TypedArray): void {
    const lr = this.learningRate;
    if (this.momentum === 0) {
      for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
      return;
    }
    const [v] = this.buffers(index, param, 1);
    const mu = this.momentum;
    for (let i = 0; i < w.length; i++) {
      v[i] = mu * v[i] + g[i];
      w[i] -= lr * (this.nesterov ? g[i] + mu * v[i] : v[i]);
    }
  }

  config() {
    return { name: this.name, learningRate: this.learningRate, momentum: this.momentum, nesterov: this.nesterov };
  }
}
