import { ArgumentError } from '../errors.js';
import type { InitializerSpec } from '../init/index.js';
import type { Seed } from '../random/index.js';
import type { DType } from '../tensor/index.js';
import type { ActivationName } from './activations.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import type { Layer } from './layer.js';
import { parseLoss, type LossName } from './losses.js';
import { assertParameterBudget } from './parameterBudget.js';
import { Sequential } from './sequential.js';

/**
 * A fully connected network in one object: input size, hidden widths, outputs, activation, initializer, dropout,
 * loss, seed.
 */
export interface MlpOptions {
  inputSize: number;
  /** Hidden layer widths, e.g. [10, 5]. */
  hidden: number[];
  /** Outputs: 1 for binary, k classes, or k regression targets. */
  outputs: number;
  loss: LossName | string;
  activation?: ActivationName | string;
  init?: string | InitializerSpec;
  /** Dropout rate after every hidden layer (0 = none). */
  dropout?: number;
  dtype?: DType;
  seed?: Seed;
  /** Refuse a network with more parameters than this, before allocating (default: parameterBudget()). */
  maxParameters?: number;
}

/**
 * A multilayer perceptron whose output layer fits the loss: 1 sigmoid unit for binary cross-entropy,
 * k softmax units for softmax cross-entropy, k linear units for mean squared error.
 */
export function buildMlp(options: MlpOptions): Sequential {
  const loss = parseLoss(options.loss);
  if (options.hidden.some((h) => !Number.isInteger(h) || h <= 0))
    throw new ArgumentError(`hidden layer widths must be positive integers, got ${options.hidden.join(',')}`);
  const outputs = loss === 'binaryCrossEntropy' ? 1 : options.outputs;
  assertParameterBudget([options.inputSize, ...options.hidden, outputs], options.maxParameters, 'buildMlp');
  const layers: Layer[] = [];
  for (const width of options.hidden) {
    layers.push(new Dense(width, { activation: options.activation ?? 'relu', init: options.init ?? 'auto' }));
    if (options.dropout) layers.push(new Dropout(options.dropout));
  }
  const outputActivation =
    loss === 'binaryCrossEntropy' ? 'sigmoid' : loss === 'softmaxCrossEntropy' ? 'softmax' : 'linear';
  layers.push(new Dense(outputs, { activation: outputActivation, init: options.init ?? 'auto' }));
  return new Sequential(layers, { inputSize: options.inputSize, dtype: options.dtype, seed: options.seed });
}
