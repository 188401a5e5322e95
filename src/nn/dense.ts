import { ArgumentError } from '../errors.js';
import { getInitializer, kaimingNormal, type Initializer, type InitializerSpec } from '../init/index.js';
import { linear, linearActivation } from '../ops/index.js';
import type { Tensor } from '../tensor/index.js';
import { applyActivation, parseActivation, type ActivationName } from './activations.js';
import { type AffineForm, type BuildOptions, type ForwardContext, inherits, Layer } from './layer.js';

/**
 * A dense layer's activation, initializer (name, spec or object; `auto` picks by activation) and whether it has a
 * bias.
 */
export interface DenseOptions {
  activation?: ActivationName | string;
  /** An initializer, its name, its {name, config}, or 'auto' (the default: see `autoInitializer`). */
  init?: string | InitializerSpec | Initializer;
  biasInit?: string | InitializerSpec | Initializer;
  useBias?: boolean;
  /** Negative slope of leakyRelu (default 0.01). */
  slope?: number;
}

/**
 * The initializer 'auto' picks for an activation: He for ReLU (with the leaky slope's gain for
 * leakyRelu), LeCun for tanh (the course's advice), Glorot uniform otherwise (Keras' default).
 */
export function autoInitializer(activation: ActivationName, slope = 0.01): Initializer {
  if (activation === 'relu') return getInitializer('heNormal');
  if (activation === 'leakyRelu') return kaimingNormal({ nonlinearity: 'leakyRelu', a: slope });
  if (activation === 'tanh') return getInitializer('lecunNormal');
  return getInitializer('glorotUniform');
}

/** A fully connected layer: a = activation(X·Wᵀ + b), weight [units, in], bias [units]. */
export class Dense extends Layer {
  readonly type = 'dense';
  readonly units: number;
  readonly activationName: ActivationName;
  readonly useBias: boolean;
  readonly slope: number;
  private readonly initOption: string | InitializerSpec | Initializer;
  private readonly biasInitOption: string | InitializerSpec | Initializer;
  private resolvedInit: Initializer | null = null;
  weight: Tensor | null = null;
  bias: Tensor | null = null;
  inputSize = 0;

  constructor(units: number, options: DenseOptions = {}) {
    super();
    if (!Number.isInteger(units) || units <= 0)
      throw new ArgumentError(`Dense: units must be a positive integer, got ${units}`);
    this.units = units;
    this.activationName = parseActivation(options.activation ?? 'linear');
    this.useBias = options.useBias ?? true;
    this.slope = options.slope ?? 0.01;
    this.initOption = options.init ?? 'auto';
    this.biasInitOption = options.biasInit ?? 'zeros';
  }

  override get activation(): ActivationName {
    return this.activationName;
  }

  get initializer(): Initializer {
    if (!this.resolvedInit) {
      this.resolvedInit =
        this.initOption === 'auto' ? autoInitializer(this.activationName, this.slope) : getInitializer(this.initOption);
    }
    return this.resolvedInit;
  }

  build(inputSize: number, { dtype, generator }: BuildOptions): number {
    this.inputSize = inputSize;
    this.weight = this.registerParameter(
      'weight',
      this.initializer.sample([this.units, inputSize], { seed: generator, dtype }),
      true,
    );
    if (this.useBias) {
      this.bias = this.registerParameter(
        'bias',
        getInitializer(this.biasInitOption).sample([this.units], { seed: generator, dtype }),
      );
    }
    return this.units;
  }

  private requireBuilt(): Tensor {
    if (!this.weight) throw new Error('Dense: layer is not built (add it to a Sequential with an inputSize)');
    return this.weight;
  }

  override forwardPreActivation(x: Tensor): Tensor {
    return linear(x, this.requireBuilt(), this.bias);
  }

  override activate(z: Tensor): Tensor {
    return applyActivation(this.activationName, z, this.slope);
  }

  /** activation(X·Wᵀ + b) for a batch X of shape [m, in]. */
  forward(x: Tensor, _ctx: ForwardContext): Tensor {
    const act = this.activationName;
    if (act === 'relu' || act === 'tanh' || act === 'sigmoid' || (act === 'leakyRelu' && this.slope > 0)) {
      return linearActivation(x, this.requireBuilt(), this.bias, act, this.slope);
    }
    return this.activate(this.forwardPreActivation(x));
  }

  override affineForm(): AffineForm | null {
    // A subclass with a forward of its own is not this form: the gradient checker would re-evaluate it as
    // a plain Dense (and report a correct gradient as wrong).
    if (!inherits(this, Dense.prototype, ['forward', 'forwardPreActivation', 'activate'])) return null;
    return {
      weight: this.requireBuilt(),
      bias: this.bias,
      units: this.units,
      elementwise: this.activationName !== 'softmax',
      preActivation: (h) => this.forwardPreActivation(h),
      activate: (z) => this.activate(z),
    };
  }

  toConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      type: 'dense',
      units: this.units,
      activation: this.activationName,
      init: this.initializer.toJSON(),
      useBias: this.useBias,
    };
    if (this.activationName === 'leakyRelu') config.slope = this.slope;
    return config;
  }
}
