import type { Generator } from '../random/index.js';
import type { DType, Tensor } from '../tensor/index.js';
import type { ActivationName } from './activations.js';
import { Module } from './module.js';

/** What a forward pass needs besides the input. */
export interface ForwardContext {
  /** Training mode switches dropout on. */
  training: boolean;
  /** Source of dropout masks in training mode. */
  generator?: Generator;
  /**
   * Frozen dropout masks by layer index: a mask present here is reused, a missing one is drawn and
   * stored (gradient checking with dropout 'frozen' relies on this).
   */
  masks?: Map<number, Tensor>;
  /** This layer's index in its Sequential. */
  index?: number;
}

export interface BuildOptions {
  dtype: DType;
  generator: Generator;
}

/** A layer of a Sequential: built once its input size is known, then applied to [m, n] batches. */
export abstract class Layer extends Module {
  abstract readonly type: string;
  /** Output features, known after build. */
  abstract build(inputSize: number, options: BuildOptions): number;
  abstract forward(x: Tensor, ctx: ForwardContext): Tensor;
  /** The activation applied last by this layer, if any (so that losses can read logits). */
  get activation(): ActivationName | null {
    return null;
  }
  /** The output before the final activation (logits), for layers that have one. */
  forwardPreActivation(x: Tensor, ctx: ForwardContext): Tensor {
    return this.forward(x, ctx);
  }
  /** The final activation alone: forward(x) = activate(forwardPreActivation(x)). */
  activate(z: Tensor): Tensor {
    return z;
  }
  /** The layer's config as stored in a model file (no parameters). */
  abstract toConfig(): Record<string, unknown>;
}
