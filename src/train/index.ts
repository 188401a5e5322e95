export { fit, type FitOptions, type Callbacks, type StepInfo, type EarlyStoppingOptions } from './fit.js';
export { evaluate, accuracyFromLogits, type Evaluation } from './metrics.js';
export { batchIndices } from './batches.js';
export type { History, EpochRecord, StopReason } from './history.js';
