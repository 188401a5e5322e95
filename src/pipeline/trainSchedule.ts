import { ArgumentError } from '../errors.js';
import { exponentialDecay, inverseTimeDecay, stepDecay, type LearningRateSchedule } from '../optim/index.js';

/** The learning-rate schedules the training service (and `gradlab train --schedule`) knows by name. */
export const SCHEDULES = ['step', 'exponential', 'inverseTime'] as const;

/**
 * A schedule by name with its parameters, as a model file stores it (a function cannot be stored):
 * step = α₀·γ^⌊epoch/stepSize⌋, exponential = α₀·γ^epoch, inverseTime = α₀/(1 + decayRate·epoch).
 */
export type ScheduleSpec =
  | { kind: 'step'; stepSize: number; gamma?: number }
  | { kind: 'exponential'; gamma: number }
  | { kind: 'inverseTime'; decayRate: number };

/** The library schedule a ScheduleSpec names; a missing or invalid parameter is an ArgumentError naming it. */
export function learningRateSchedule(spec: ScheduleSpec): LearningRateSchedule {
  const need = (value: number | undefined, name: string, ok: (v: number) => boolean, expected: string): number => {
    if (value === undefined || !ok(value))
      throw new ArgumentError(`schedule ${spec.kind}: ${name} must be ${expected}, got ${value ?? 'nothing'}`);
    return value;
  };
  const positiveRate = (v: number) => v > 0 && Number.isFinite(v);
  switch (spec.kind) {
    case 'step':
      return stepDecay({
        stepSize: need(
          spec.stepSize,
          'stepSize (--step-size)',
          (v) => Number.isInteger(v) && v >= 1,
          'a whole number of epochs ≥ 1',
        ),
        gamma: spec.gamma === undefined ? undefined : need(spec.gamma, 'gamma (--gamma)', positiveRate, '> 0'),
      });
    case 'exponential':
      return exponentialDecay({ gamma: need(spec.gamma, 'gamma (--gamma)', positiveRate, '> 0') });
    case 'inverseTime':
      return inverseTimeDecay({
        decayRate: need(spec.decayRate, 'decayRate (--decay-rate)', (v) => v >= 0 && Number.isFinite(v), '≥ 0'),
      });
    default:
      throw new ArgumentError(`unknown schedule '${(spec as { kind: string }).kind}' (known: ${SCHEDULES.join(', ')})`);
  }
}
