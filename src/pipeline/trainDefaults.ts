/**
 * Defaults that depend on the task. Regression on small noisy tables (diabetes: 353 rows) overfits
 * without weight decay and underfits in 100 epochs at lr 0.001: over 4 random splits × 3 seeds, held-out
 * R² went from 0.29–0.53 (l2 0, 100 epochs) to 0.37–0.58 (l2 5, up to 300 epochs, stopping 10 epochs
 * after the best validation loss), against 0.35–0.60 for least squares (docs/tasks-and-models.md).
 */
export const TASK_DEFAULTS = {
  classification: { l2: 0, epochs: 100, patience: 0 },
  regression: { l2: 5, epochs: 300, patience: 10 },
} as const;

/**
 * The training service's other defaults, each written once: runTraining applies them and the command
 * line's help shows them. (They differ from fit's own: a model trained from the command line gets
 * Adam, a validation split and standardized inputs.)
 */
export const TRAIN_DEFAULTS = {
  layers: [10, 5],
  activation: 'relu',
  init: 'auto',
  dropout: 0,
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 64,
  seed: 1,
  dtype: 'float64',
  normalize: 'standard',
  validationSplit: 0.2,
  missing: 'error',
} as const;
