import { ArgumentError } from '../errors.js';

/** Nonlinearities `calculateGain` knows (PyTorch's vocabulary). */
export type Nonlinearity = 'linear' | 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'selu' | 'conv';

/**
 * The gain that keeps activations' variance through a nonlinearity (PyTorch's table):
 * linear/identity/conv/sigmoid 1, tanh 5/3, relu √2, leakyRelu √(2/(1+a²)) with slope a (default
 * 0.01), selu 3/4.
 */
export function calculateGain(nonlinearity: Nonlinearity | string, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'identity':
    case 'conv':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu':
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope))
        throw new ArgumentError(`calculateGain: negative slope ${slope} is not a finite number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new ArgumentError(
        `calculateGain: unknown nonlinearity '${nonlinearity}' ` +
          '(known: linear, identity, conv, sigmoid, tanh, relu, leakyRelu, selu)',
      );
  }
}
