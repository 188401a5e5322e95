/**
 * How wrong a two-sided difference can be, so that a check can say what it could not have seen.
 *
 * At step h the difference D(h) = J' + J'''·h²/6 + O(h⁴) + R, where the rounding R of the two
 * evaluations of J is about ε_mach·|J|/h. Per compared value the error is modelled as
 * rounding/h + truncation·h², and the norm over N values as √N times that.
 */

/**
 * Rounding per compared value: ROUNDING_FACTOR·ε_mach·|J|/h. Measured at ε = 1e-9 … 1e-12, where
 * truncation is negligible, on correct 3 → 6 → 4 → k networks (tanh, relu, sigmoid; BCE, softmax CE,
 * MSE; L2 0.3): the observed ‖a − n‖/(√N·ε_mach·|J|/ε) was at most 1.4 with batches of 16–48 rows
 * (median 0.45, 480 tensors) and 3.6 with 256 rows and inputs ×10 (median 1.1): it grows with the
 * cancellation in the batch mean, so 16 keeps a 4× margin over the worst seen.
 */
export const ROUNDING_FACTOR = 16;

/** Per-value rounding error of a two-sided difference of J at step h. */
export function roundingPerValue(objective: number, step: number): number {
  return (ROUNDING_FACTOR * Number.EPSILON * Math.max(Math.abs(objective), Number.MIN_VALUE)) / step;
}

/**
 * Richardson: D(h) = J' + J'''·h²/6 + …, so D(2h) − D(h) ≈ J'''·h²/2 and the truncation of D(h) is
 * about |D(2h) − D(h)|/3. That holds to leading order only, and is measured at a few probes, so it is
 * doubled (at ε = 1e-2 on a tanh network the undoubled estimate fell just short of the actual misfit).
 * Where rounding dominates, it measures the rounding instead: an upper bound of the truncation.
 */
export function truncationAt(atStep: number, atDoubleStep: number): number {
  return (2 * Math.abs(atDoubleStep - atStep)) / 3;
}

/** The error of one tensor's differences as a function of the step: √N·(rounding/h + truncation·h²). */
export interface ErrorModel {
  /** Per-value rounding coefficient: rounding error at step h is rounding/h. */
  rounding: number;
  /** Per-value truncation coefficient: truncation error at step h is truncation·h². */
  truncation: number;
  /** How many values are compared (their errors add up as √count). */
  count: number;
}

export function errorNormAt(model: ErrorModel, step: number): { rounding: number; truncation: number } {
  const root = Math.sqrt(model.count);
  return { rounding: (root * model.rounding) / step, truncation: root * model.truncation * step * step };
}

/** Smallest relative error ‖a − g‖/‖g‖ detectable: a disagreement must exceed twice the numeric error. */
export function detectableAt(model: ErrorModel, step: number, gradientNorm: number): number {
  const e = errorNormAt(model, step);
  return (2 * (e.rounding + e.truncation)) / gradientNorm;
}

/**
 * Steps `'auto'` chooses from. Below 1e-10 rounding dominates any network. The smooth error model
 * cannot see ReLU kinks, whose chance of lying within ±h grows with h: uncapped, 'auto' chose 1.9e-4
 * for the first ReLU layer of a trained 2 → 6 → 4 → 1 network (test/gradcheck), crossed a kink and
 * was inconclusive where 1e-6 passes; capped at 1e-5 it passes, and smooth networks lose little (their
 * optimum (3·16·ε_mach·|J|/|J'''|)^(1/3) is ~2e-5 when |J'''| ≈ |J|).
 */
export const AUTO_STEP_RANGE = { from: 1e-10, to: 1e-5 } as const;

/** The step minimizing rounding/h + truncation·h²: h* = (rounding / (2·truncation))^(1/3), clamped. */
export function bestStep(model: ErrorModel): number {
  const ideal = model.truncation > 0 ? Math.cbrt(model.rounding / (2 * model.truncation)) : AUTO_STEP_RANGE.to;
  return Math.min(AUTO_STEP_RANGE.to, Math.max(AUTO_STEP_RANGE.from, ideal));
}

/**
 * The steps at which the model says the check resolves relative errors of `limit`, on a grid of
 * 10^(k/10) (rounded inwards); null when no step does.
 */
export function workingRange(
  model: ErrorModel,
  gradientNorm: number,
  limit: number,
): { from: number; to: number } | null {
  if (!(gradientNorm > 0)) return null;
  let from: number | null = null;
  let to: number | null = null;
  for (let k = -160; k <= 0; k++) {
    const step = 10 ** (k / 10);
    if (detectableAt(model, step, gradientNorm) <= limit) {
      from ??= step;
      to = step;
    }
  }
  return from === null || to === null ? null : { from: Number(from.toPrecision(2)), to: Number(to.toPrecision(2)) };
}
