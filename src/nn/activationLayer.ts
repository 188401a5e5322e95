import type { Tensor } from '../tensor/index.js';
import { applyActivation, parseActivation, type ActivationName } from './activations.js';
import { type ColumnMap, inherits, Layer } from './layer.js';

/** A parameter-free activation as a layer of its own (the same functions Dense applies). */
export class Activation extends Layer {
  readonly type = 'activation';
  readonly activationName: ActivationName;
  readonly slope: number;

  constructor(activation: ActivationName | string, options: { slope?: number } = {}) {
    super();
    this.activationName = parseActivation(activation);
    this.slope = options.slope ?? 0.01;
  }

  override get activation(): ActivationName {
    return this.activationName;
  }

  build(inputSize: number): number {
    return inputSize;
  }

  override forwardPreActivation(x: Tensor): Tensor {
    return x;
  }

  override activate(z: Tensor): Tensor {
    return applyActivation(this.activationName, z, this.slope);
  }

  /** Applies the activation to every row. */
  forward(x: Tensor): Tensor {
    return this.activate(x);
  }

  override columnMap(): ColumnMap | null {
    // A subclass's own forward may not act per column.
    if (this.activationName === 'softmax' || !inherits(this, Activation.prototype, ['forward'])) return null;
    return (column) => this.activate(column);
  }

  toConfig(): Record<string, unknown> {
    return this.activationName === 'leakyRelu'
      ? { type: 'activation', activation: this.activationName, slope: this.slope }
      : { type: 'activation', activation: this.activationName };
  }
}
