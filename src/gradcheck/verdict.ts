/**
 * pass, warn, suspect and fail grade the relative difference; inconclusive says the check could not
 * have seen an error of thresholds.detectable at its ε (or could not form a difference at all).
 */
export type Verdict = 'pass' | 'warn' | 'suspect' | 'inconclusive' | 'fail';

/** Upper bounds of the relative difference for pass, warn and suspect (above suspect: fail). */
export interface Thresholds {
  /** At most this difference is a pass (default 1e-7, the course's "about right"). */
  pass: number;
  /** At most this is a warning (default 1e-5). */
  warn: number;
  /** At most this is suspect (default 1e-3); above it, a bug. */
  suspect: number;
  /**
   * A tensor whose smallest detectable relative error is above this is inconclusive (default 1e-2: a
   * planted bug of size 1e-2 must never pass).
   */
  detectable: number;
}

/**
 * The course's thresholds in float64: pass ≤ 1e-7, warn ≤ 1e-5, suspect ≤ 1e-3; a check blind to errors above
 * 1e-2 is inconclusive.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { pass: 1e-7, warn: 1e-5, suspect: 1e-3, detectable: 1e-2 };

// Evidence of a bug (suspect, fail) outranks not having been able to look (inconclusive).
const ORDER: Verdict[] = ['pass', 'warn', 'inconclusive', 'suspect', 'fail'];

export function verdictFor(difference: number, t: Thresholds): Verdict {
  if (!(difference <= t.suspect)) return 'fail'; // NaN is a failure too
  if (difference <= t.pass) return 'pass';
  if (difference <= t.warn) return 'warn';
  return 'suspect';
}

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((w, v) => (ORDER.indexOf(v) > ORDER.indexOf(w) ? v : w), 'pass');
}

/**
 * ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂), the course's relative difference; two zero vectors agree (0, not NaN).
 */
export function relativeDifference(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  let diff = 0;
  let na = 0;
  let nn = 0;
  for (let i = 0; i < analytic.length; i++) {
    const d = analytic[i] - numeric[i];
    diff += d * d;
    na += analytic[i] * analytic[i];
    nn += numeric[i] * numeric[i];
  }
  const denominator = Math.sqrt(na) + Math.sqrt(nn);
  if (denominator === 0) return diff === 0 ? 0 : Infinity;
  return Math.sqrt(diff) / denominator;
}
