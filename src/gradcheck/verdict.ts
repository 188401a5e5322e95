/** The outcome of a check, from a relative difference compared with `Thresholds`. */
export type Verdict = 'pass' | 'warn' | 'suspect' | 'fail';

/** Upper bounds of the relative difference for pass, warn and suspect (above suspect: fail). */
export interface Thresholds {
  /** At most this difference is a pass (default 1e-7, the course's "about right"). */
  pass: number;
  /** At most this is a warning (default 1e-5). */
  warn: number;
  /** At most this is suspect (default 1e-3); above it, a bug. */
  suspect: number;
}

/** The course's thresholds in float64: pass ≤ 1e-7, warn ≤ 1e-5, suspect ≤ 1e-3. */
export const DEFAULT_THRESHOLDS: Thresholds = { pass: 1e-7, warn: 1e-5, suspect: 1e-3 };

const ORDER: Verdict[] = ['pass', 'warn', 'suspect', 'fail'];

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
