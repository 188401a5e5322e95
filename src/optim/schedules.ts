import { ArgumentError } from '../errors.js';

/** The learning rate for an epoch (0-based), from the initial rate. */
export type LearningRateSchedule = (epoch: number, initial: number) => number;

/**
 * Multiplies the learning rate by γ every `stepSize` epochs.
 *
 * α = α₀·γ^⌊epoch / stepSize⌋
 */
export function stepDecay(options: { stepSize: number; gamma?: number }): LearningRateSchedule {
  const gamma = options.gamma ?? 0.1;
  if (!(options.stepSize >= 1)) throw new ArgumentError(`stepDecay: stepSize must be ≥ 1, got ${options.stepSize}`);
  return (epoch, initial) => initial * gamma ** Math.floor(epoch / options.stepSize);
}

/**
 * Multiplies the learning rate by γ every epoch.
 *
 * α = α₀·γ^epoch
 */
export function exponentialDecay(options: { gamma: number }): LearningRateSchedule {
  return (epoch, initial) => initial * options.gamma ** epoch;
}

/**
 * Divides the initial learning rate by 1 + decayRate·epoch.
 *
 * α = α₀ / (1 + decayRate·epoch), the course's 1/t decay
 */
export function inverseTimeDecay(options: { decayRate: number }): LearningRateSchedule {
  return (epoch, initial) => initial / (1 + options.decayRate * epoch);
}
