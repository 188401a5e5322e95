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

/**
 * A layer computing z = h·Wᵀ + b and then an activation (Dense). The gradient checker uses it to
 * re-evaluate cheaply after one entry of W or b changes: only column r of z changes.
 */
export interface AffineForm {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly units: number;
  /** Whether the activation acts on each entry alone (not softmax), so a changed column stays one column. */
  readonly elementwise: boolean;
  /** Z = H·Wᵀ + b. */
  preActivation(h: Tensor): Tensor;
  /** The activation alone, applied to Z. */
  activate(z: Tensor): Tensor;
}

/** Maps column r of a layer's input ([m, 1]) to column r of its output, for layers that act per column. */
export type ColumnMap = (column: Tensor, r: number, ctx: ForwardContext) => Tensor;

export interface BuildOptions {
  dtype: DType;
  generator: Generator;
}

/** A layer of a Sequential: built once its input size is known, then applied to [m, n] batches. */
export abstract class Layer extends Module {
  abstract readonly type: string;
  /** Output features, known after build. */
  abstract build(inputSize: number, options: BuildOptions): number;
  /** The layer's output for a batch; `ctx` says training or evaluation mode and carries the dropout generator. */
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
  /** Non-null for an affine layer (see AffineForm); a user's layer may leave it null. */
  affineForm(): AffineForm | null {
    return null;
  }
  /** Non-null when output column r depends on input column r alone (elementwise activations, dropout). */
  columnMap(): ColumnMap | null {
    return null;
  }
  /**
   * The layer's config as stored in a model file (no parameters): `{ type, ... }`. A layer type other
   * than the built-in ones is rebuilt from it through `registerLayer`.
   */
  abstract toConfig(): Record<string, unknown>;
}

/**
 * Whether `layer` still runs `base`'s own `methods` (no subclass replaced them): the built-in layers
 * check it before they declare an AffineForm or a ColumnMap, which describe what those methods compute.
 */
export function inherits(layer: Layer, base: Layer, methods: ReadonlyArray<keyof Layer>): boolean {
  return methods.every((name) => layer[name] === base[name]);
}
