export { Optimizer } from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { RMSprop, type RMSpropOptions } from './rmsprop.js';
export { Adam, type AdamOptions } from './adam.js';
export { stepDecay, exponentialDecay, inverseTimeDecay, type LearningRateSchedule } from './schedules.js';
export { createOptimizer, OPTIMIZERS, type OptimizerName } from './registry.js';
export type { OptimizerState } from './optimizer.js';
