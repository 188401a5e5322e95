import { ArgumentError } from '../errors.js';
import { Adam } from './adam.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/** Optimizer names `createOptimizer` and the CLI accept. */
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** An optimizer by name: sgd, momentum (0.9), nesterov (0.9), rmsprop, adam. */
export function createOptimizer(name: string, options: { learningRate?: number; momentum?: number } = {}): Optimizer {
  switch (name) {
    case 'sgd':
      return new SGD({ learningRate: options.learningRate, momentum: options.momentum ?? 0 });
    case 'momentum':
      return new SGD({ learningRate: options.learningRate, momentum: options.momentum ?? 0.9 });
    case 'nesterov':
      return new SGD({ learningRate: options.learningRate, momentum: options.momentum ?? 0.9, nesterov: true });
    case 'rmsprop':
      return new RMSprop({ learningRate: options.learningRate });
    case 'adam':
      return new Adam({ learningRate: options.learningRate });
    default:
      throw new ArgumentError(`unknown optimizer '${name}' (known: ${OPTIMIZERS.join(', ')})`);
  }
}
