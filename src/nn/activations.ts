import { ArgumentError } from '../errors.js';
import type { Nonlinearity } from '../init/index.js';
import { leakyRelu, relu, sigmoid, softmax, tanh } from '../ops/index.js';
import type { Tensor } from '../tensor/index.js';

/** Activations a `Dense` or `Activation` layer accepts. */
export type ActivationName = 'linear' | 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'softmax';

/** Every `ActivationName`, for menus and validation. */
export const ACTIVATIONS: readonly ActivationName[] = ['linear', 'relu', 'leakyRelu', 'tanh', 'sigmoid', 'softmax'];

const ALIASES: Record<string, ActivationName> = { leaky_relu: 'leakyRelu', identity: 'linear', none: 'linear' };

export function parseActivation(name: string): ActivationName {
  const resolved = ALIASES[name] ?? name;
  if (!(ACTIVATIONS as readonly string[]).includes(resolved)) {
    throw new ArgumentError(`unknown activation '${name}' (known: ${ACTIVATIONS.join(', ')})`);
  }
  return resolved as ActivationName;
}

export function applyActivation(name: ActivationName, z: Tensor, slope = 0.01): Tensor {
  switch (name) {
    case 'linear':
      return z;
    case 'relu':
      return relu(z);
    case 'leakyRelu':
      return leakyRelu(z, slope);
    case 'tanh':
      return tanh(z);
    case 'sigmoid':
      return sigmoid(z);
    case 'softmax':
      return softmax(z, -1);
  }
}

/** The nonlinearity whose gain an initializer should use after this activation. */
export function nonlinearityOf(name: ActivationName): Nonlinearity {
  return name === 'softmax' ? 'linear' : name;
}
