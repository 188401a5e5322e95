/**
 * fit's defaults, each written once: the options' documentation, fit itself and the command line's
 * help read them from here.
 */
export const FIT_DEFAULTS = {
  epochs: 10,
  batchSize: 32,
  optimizer: 'sgd',
  learningRate: 0.01,
  seed: 0,
  trainingMetrics: 'running',
  evaluateEvery: 1,
} as const;
