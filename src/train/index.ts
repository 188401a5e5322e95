export { fit, type FitOptions } from './fit.js';
export type { FitCallback, FitContext, ParameterSnapshot, StepBegin, StepEnd, EpochEnd } from './callbacks.js';
export { FIT_DEFAULTS } from './defaults.js';
export { divergenceGuard, DIVERGENCE_DEFAULTS, type DivergenceOptions } from './divergence.js';
export { earlyStopping, EARLY_STOPPING_DEFAULTS, type EarlyStoppingOptions } from './earlyStopping.js';
export { progressBar, setProgressFactory, type Progress, type ProgressFactory } from './progress.js';
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
export { checkpoints } from './checkpoints.js';
export { initialDiagnosis } from './initialDiagnosis.js';
export type { TrainingState } from './callbacks.js';
