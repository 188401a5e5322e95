export { fit, type FitOptions, type Callbacks, type StepInfo, type EarlyStoppingOptions } from './fit.js';
export {
  evaluate,
  accuracyFromLogits,
  classificationMetrics,
  regressionMetrics,
  type Evaluation,
  type ClassificationMetrics,
  type ClassMetrics,
  type RegressionMetrics,
  type TargetMetrics,
} from './metrics.js';
export { batchIndices } from './batches.js';
export type { History, EpochRecord, StopReason } from './history.js';
