import { ArgumentError, DTypeError, ShapeError, formatShape } from '../errors.js';
import { noGrad } from '../autograd/index.js';
import { toGenerator, type Seed } from '../random/index.js';
import { Tensor, flattenValues, type DType } from '../tensor/index.js';
import type { ActivationName } from './activations.js';
import type { Layer, ForwardContext } from './layer.js';
import { Module } from './module.js';

/**
 * One parameter tensor of a Sequential as the objective, optimizers and the gradient checker see it:
 * its name (`<layer index>.<role>`), its layer, its role in that layer, and whether L2 penalizes it.
 */
export interface ParameterSlot {
  name: string;
  layerIndex: number;
  role: string;
  penalized: boolean;
  tensor: Tensor;
}

/** The input size, the dtype and the seed that draws the initial weights. */
export interface SequentialOptions {
  /** Number of input features n_in. */
  inputSize: number;
  /** Seed (or generator) for the initial weights. */
  seed?: Seed;
  dtype?: DType;
}

/** Layers applied in order; parameters are named `<layer index>.weight` / `<layer index>.bias`. */
export class Sequential extends Module {
  readonly layers: readonly Layer[];
  readonly inputSize: number;
  readonly outputSize: number;
  readonly dtype: DType;

  constructor(layers: readonly Layer[], options: SequentialOptions) {
    super();
    if (!Number.isInteger(options.inputSize) || options.inputSize <= 0) {
      throw new ArgumentError(`Sequential: inputSize must be a positive integer, got ${options.inputSize}`);
    }
    if (layers.length === 0) throw new ArgumentError('Sequential: needs at least one layer');
    this.layers = [...layers];
    this.inputSize = options.inputSize;
    this.dtype = options.dtype ?? 'float64';
    const generator = toGenerator(options.seed, 0);
    let size = options.inputSize;
    this.layers.forEach((layer, i) => {
      size = layer.build(size, { dtype: this.dtype, generator });
      this.registerModule(String(i), layer);
    });
    this.outputSize = size;
  }

  private checkInput(x: Tensor): void {
    if (!(x instanceof Tensor)) throw new TypeError('Sequential.forward: X must be a Tensor');
    if (x.rank !== 2 || x.shape[1] !== this.inputSize) {
      throw new ShapeError(
        `Sequential.forward: expected X of shape [m, ${this.inputSize}], got ${formatShape(x.shape)}`,
      );
    }
    if (x.dtype !== this.dtype) {
      throw new DTypeError(
        `Sequential.forward: the model is ${this.dtype} but X is ${x.dtype}; convert X with astype('${this.dtype}')`,
      );
    }
  }

  /** The network's output and the last layer's pre-activation (logits), in one pass. */
  forwardWithLogits(x: Tensor, context: Partial<ForwardContext> = {}): { output: Tensor; logits: Tensor } {
    this.checkInput(x);
    return this.forwardFrom(0, x, context);
  }

  /**
   * Runs layers start … end on `h`, the input of layer `start` (earlier layers' outputs can be reused
   * when only later parameters change), returning the output and the last pre-activation.
   */
  forwardFrom(start: number, h: Tensor, context: Partial<ForwardContext> = {}): { output: Tensor; logits: Tensor } {
    const logits = this.logitsFrom(start, h, context);
    return { output: this.layers[this.layers.length - 1].activate(logits), logits };
  }

  /** forwardFrom without the last activation: the last pre-activation (what the cross-entropies read). */
  logitsFrom(start: number, h: Tensor, context: Partial<ForwardContext> = {}): Tensor {
    const ctx: ForwardContext = { training: false, ...context };
    const last = this.layers.length - 1;
    for (let i = start; i < last; i++) h = this.layers[i].forward(h, { ...ctx, index: i });
    return start <= last ? this.layers[last].forwardPreActivation(h, { ...ctx, index: last }) : h;
  }

  /** The input of every layer for a batch (inputs[0] = x). */
  layerInputs(x: Tensor, context: Partial<ForwardContext> = {}): Tensor[] {
    this.checkInput(x);
    const ctx: ForwardContext = { training: false, ...context };
    const inputs: Tensor[] = [];
    let h = x;
    this.layers.forEach((layer, i) => {
      inputs.push(h);
      h = layer.forward(h, { ...ctx, index: i });
    });
    return inputs;
  }

  /** Runs the layers in order; evaluation mode unless `context.training` says otherwise. */
  forward(x: Tensor, context: Partial<ForwardContext> = {}): Tensor {
    this.checkInput(x);
    const ctx: ForwardContext = { training: false, ...context };
    let h = x;
    this.layers.forEach((layer, i) => (h = layer.forward(h, { ...ctx, index: i })));
    return h;
  }

  /** The output in evaluation mode (dropout off), without recording. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }

  /** The activation of the last layer that has one (what the loss sees on top of the logits). */
  get outputActivation(): ActivationName {
    return this.layers[this.layers.length - 1].activation ?? 'linear';
  }

  /** Every parameter tensor in θ order (layer by layer, each layer's own order). */
  parameterSlots(): ParameterSlot[] {
    return this.layers.flatMap((layer, layerIndex) =>
      layer.parameterEntries(`${layerIndex}.`).map((entry) => ({ ...entry, layerIndex })),
    );
  }

  /** The parameter called `name` (e.g. `0.weight`); an ArgumentError lists the names when there is none. */
  getParameter(name: string): Tensor {
    const found = this.namedParameters().find(([n]) => n === name);
    if (!found) {
      const names = this.namedParameters().map(([n]) => n);
      throw new ArgumentError(`no parameter named '${name}' (parameters: ${names.join(', ')})`);
    }
    return found[1];
  }

  /** Copies values into the parameters (by name), checking every shape first. */
  setParameters(values: Record<string, ArrayLike<number>>): void {
    const params = this.namedParameters();
    for (const [name, t] of params) {
      const v = values[name];
      if (!v) throw new ArgumentError(`setParameters: missing '${name}'`);
      if (v.length !== t.size)
        throw new ShapeError(
          `setParameters: '${name}' needs ${t.size} values for ${formatShape(t.shape)}, got ${v.length}`,
        );
    }
    for (const [name, t] of params) t.data.set(values[name]);
  }

  /** Layer configs, as stored in a model file. */
  layerConfigs(): Record<string, unknown>[] {
    return this.layers.map((l) => l.toConfig());
  }

  /** Copies of every parameter's values, by name. */
  snapshot(): Map<string, Float64Array | Float32Array> {
    return new Map(this.namedParameters().map(([n, t]) => [n, t.data.slice()]));
  }

  /** Writes back the values a `snapshot()` took (used to undo a diverged step). */
  restore(snapshot: Map<string, Float64Array | Float32Array>): void {
    for (const [n, t] of this.namedParameters()) {
      const saved = snapshot.get(n);
      if (saved) t.data.set(saved);
    }
  }

  /** Every parameter value as one array in parameter order (for tests and bit-exact comparisons). */
  flatParameters(): Float64Array {
    return flattenValues(this.parameters());
  }
}
