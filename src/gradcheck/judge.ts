import { stepVanishes } from './difference.js';
import { norm, type CheckTarget, type Comparison } from './measure.js';
import { workingRange } from './noise.js';
import {
  agreesWithPilot,
  consistencyProbes,
  pilotAt,
  pilotGradientNorm,
  pilotSeesGradient,
  PILOT_STEP,
  type Errors,
} from './probes.js';
import { relativeDifference, verdictFor, type Thresholds, type Verdict } from './verdict.js';

export interface Judgement {
  verdict: Verdict;
  reason?: string;
  detectable: number | null;
  withinError: boolean;
  workingEpsilon?: { from: number; to: number } | null;
}

type Evaluate = (target: number, entry: number) => number;

const sci = (v: number) => (Number.isFinite(v) ? v.toExponential(1) : String(v));

/**
 * One tensor's verdict, in this order: J overflowed, the step vanished, J overflowed at θ ± ε (all
 * inconclusive); the analytic gradient is not finite (fail); the differences' estimated error hides
 * relative errors above thresholds.detectable (inconclusive); then the thresholds on the relative
 * difference, where a disagreement within the estimated error is agreement. A gradient that is 0 to
 * within that error is compared in absolute terms, and passes only if a pilot at a sound step agrees it is 0.
 */
export function judgeTensor(
  target: CheckTarget,
  t: number,
  step: number,
  c: Comparison,
  errors: Errors,
  j0: number,
  thresholds: Thresholds,
  evaluate: Evaluate,
): Judgement {
  const count = c.indices.length;
  const unit = c.directions ? 'directions' : 'entries';
  const mode = c.directions ? 'directional' : 'full';
  const analyticNorm = norm(c.analytic.filter(Number.isFinite));
  const inconclusive = (reason: string, withRange = true, detectable: number | null = null): Judgement => {
    if (!withRange) return { verdict: 'inconclusive', reason, detectable, withinError: false, workingEpsilon: null };
    const pilot = pilotAt(target, t, mode, c, j0, evaluate);
    const size = Math.max(analyticNorm, pilotGradientNorm(pilot, c));
    const range = workingRange({ ...pilot.model, count }, size, thresholds.detectable);
    const advice = errors.kinks
      ? '; a smaller ε avoids a kink near θ, but none avoids one at θ itself ' +
        '(a ReLU whose input is exactly 0, where the gradient is a convention)'
      : range
        ? `; ε in [${sci(range.from)}, ${sci(range.to)}] would resolve ${sci(thresholds.detectable)}`
        : '; no step resolves it (the gradient is too small against J)';
    return {
      verdict: 'inconclusive',
      reason: reason + advice,
      detectable,
      withinError: false,
      workingEpsilon: errors.kinks ? null : range,
    };
  };

  if (!Number.isFinite(j0))
    return inconclusive(
      `J is not finite at θ (J = ${j0}): the objective overflowed, so no difference can be formed`,
      false,
    );
  if (count === 0) return { verdict: 'pass', detectable: null, withinError: true };

  const vanished = c.directions
    ? c.directions.filter((v) => v.every((vi, i) => stepVanishes(target.values[i], step * vi))).length
    : c.indices.filter((i) => stepVanishes(target.values[i], step)).length;
  if (vanished > 0) {
    const largestValue = Math.max(...c.indices.map((i) => Math.abs(target.values[i] ?? 0)));
    return inconclusive(
      `ε = ${sci(step)} vanishes beside θ: θ ± ε rounds to θ in ${vanished} of ${count} ${unit} ` +
        `(|θᵢ| up to ${sci(largestValue)}), so those differences are 0/0`,
    );
  }
  const overflowed = c.numeric.map((n, j) => (Number.isFinite(n) ? -1 : j)).filter((j) => j >= 0);
  if (overflowed.length) {
    const example = unit === 'entries' ? `entry ${c.indices[overflowed[0]]}` : `direction ${overflowed[0]}`;
    return inconclusive(
      `J is not finite at θ ± ε for ${overflowed.length} of ${count} ${unit} (e.g. ${example}): ` +
        'the objective overflows there',
      false,
    );
  }
  const badAnalytic = target.analytic.findIndex((v) => !Number.isFinite(v));
  if (badAnalytic >= 0) {
    const bad = target.analytic.filter((v) => !Number.isFinite(v)).length;
    return {
      verdict: 'fail',
      reason:
        `the analytic gradient is not finite at ${bad} of ${target.analytic.length} entries ` +
        `(entry ${badAnalytic} = ${target.analytic[badAnalytic]}) while J and its differences are finite`,
      detectable: null,
      withinError: false,
    };
  }

  if (step > PILOT_STEP && !agreesWithPilot(target, t, step, consistencyProbes(target, c), errors, evaluate))
    return inconclusive(
      `at ε = ${sci(step)} the differences disagree with those at ε = ${sci(PILOT_STEP)} by more than their ` +
        'estimated errors: J is not close to its Taylor expansion over ±ε (a ReLU kink, or saturation)',
    );
  const error = errors.rounding + errors.truncation;
  const kinks = errors.kinks
    ? `; J is not differentiable within ±2ε at ${errors.kinks} probed ${unit} (a ReLU at 0 or another kink)`
    : '';
  const numericNorm = norm(c.numeric);
  const misfit = norm(c.analytic.map((a, j) => a - c.numeric[j]));
  const difference = relativeDifference(c.analytic, c.numeric);
  if (numericNorm > 2 * error) {
    const detectable = (2 * error) / numericNorm;
    if (detectable > thresholds.detectable)
      return inconclusive(
        `at ε = ${sci(step)} the differences' estimated error ` +
          `(rounding ${sci(errors.rounding)}, truncation ${sci(errors.truncation)}) ` +
          `hides any relative error below ${sci(detectable)}, ` +
          `above the ${sci(thresholds.detectable)} a check must resolve${kinks}`,
        true,
        detectable,
      );
    const withinError = misfit <= error;
    if (difference <= thresholds.pass || withinError) return { verdict: 'pass', detectable, withinError };
    return { verdict: verdictFor(difference, thresholds), detectable, withinError };
  }
  // The gradient is 0 to within the error: compare in absolute terms.
  if (misfit > error) return { verdict: verdictFor(difference, thresholds), detectable: null, withinError: false };
  const pilot = pilotAt(target, t, mode, c, j0, evaluate);
  if (pilotSeesGradient(pilot)) {
    const pilotLargest = Math.max(...pilot.numeric.map(Math.abs));
    return inconclusive(
      `at ε = ${sci(step)} every difference is within its estimated error (${sci(error)}) of 0, ` +
        `but the gradient is not 0 (pilot differences at ε = ${sci(PILOT_STEP)} reach ${sci(pilotLargest)}): ` +
        `the error hides it${kinks}`,
    );
  }
  return { verdict: 'pass', detectable: null, withinError: true };
}
