import type { Sequential } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';
import { type FitCallback, fit, type History } from '../train/index.js';

/**
 * Plain full-batch gradient descent on binary cross-entropy, as in the course's experiments: every
 * step uses all rows, in order, with a fixed learning rate; the whole set is evaluated once, at the end.
 */
export function fullBatchDescent(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  learningRate: number,
  steps: number,
  callbacks: FitCallback[] = [],
): History {
  return fit(model, x, y, {
    loss: 'binaryCrossEntropy',
    optimizer: 'sgd',
    learningRate,
    epochs: steps,
    batchSize: Infinity,
    shuffle: false,
    trainingMetrics: 'exact',
    evaluateEvery: steps,
    quiet: true,
    callbacks,
  });
}
