export { fit, type FitOptions, type Callbacks, type StepInfo, type EarlyStoppingOptions } from './fit.js';
export { evaluate, accuracyFromLogits, type Evaluation } from './metrics.js';
export { batchIndices } from './batches.js';
export { type History, type EpochRecord, type StopReason } from './history.js';
