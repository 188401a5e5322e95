import { toGenerator, type Seed } from '../random/index.js';
import {
  DEFAULT_THRESHOLDS,
  relativeDifference,
  verdictFor,
  worstVerdict,
  type Thresholds,
  type Verdict,
} from './verdict.js';

/** How many coordinates a check perturbs: all (`full`), a chosen subset (`sampled`), or random directions (`directional`). */
export type CheckMode = 'full' | 'sampled' | 'directional';

/** One tensor being checked: its float64 values (perturbed in place, then restored) and its analytic gradient. */
export interface CheckTarget {
  name: string;
  shape: readonly number[];
  values: Float64Array;
  analytic: Float64Array;
}

export interface CheckOptions {
  /**
   * Step of the two-sided difference (default 1e-6). Its rounding error is about ε_mach·|J|/ε, and its
   * truncation error about ε²·|J'''|/6: at 1e-7 the rounding alone reaches 1e-7 relative once gradients
   * shrink to ~1e-3 during training (measured: 1.1e-7 on a correct network after 100 steps, 1.1e-8 at
   * 1e-6), so 1e-6 is the default, as in PyTorch's gradcheck.
   */
  epsilon?: number;
  mode?: CheckMode;
  /** sampled: entries per tensor of largest analytic magnitude, and as many random ones (default 5). */
  samples?: number;
  /** directional: random unit directions per tensor (default 1). */
  directions?: number;
  /** How many worst entries to report per tensor (default 3). */
  worst?: number;
  thresholds?: Partial<Thresholds>;
  seed?: Seed;
}

/** The entry of a tensor where the analytic and numeric gradients differ most. */
export interface WorstEntry {
  /** Flat row-major index (for directional mode, the direction's number). */
  index: number;
  /** Multi-index in the tensor's shape (absent for directional mode). */
  position?: number[];
  analytic: number;
  numeric: number;
  absoluteError: number;
}

/** The check of one tensor: its relative difference, verdict, worst entry and how many coordinates were checked. */
export interface TensorReport {
  name: string;
  shape: number[];
  /** How many comparisons were made for this tensor (entries, or directions). */
  checked: number;
  difference: number;
  verdict: Verdict;
  worst: WorstEntry[];
  analyticNorm: number;
  numericNorm: number;
  /** ‖a − n‖₂ is within what float64 rounding of J alone can produce: the tensor agrees whatever its ratio. */
  withinRoundingFloor: boolean;
  /** With includeValues: the compared analytic and numeric values, in checked order. */
  analyticValues?: number[];
  numericValues?: number[];
}

/** The result of a gradient check: overall difference and verdict, one report per tensor, and what it cost. */
export interface CheckReport {
  verdict: Verdict;
  difference: number;
  mode: CheckMode;
  epsilon: number;
  thresholds: Thresholds;
  evaluations: number;
  seconds: number;
  /** Per-entry error that rounding of J alone can cause: 32·ε_mach·max|J| / ε. */
  roundingFloor: number;
  parameters: TensorReport[];
  /** What this mode cannot see. */
  limitations: string;
  notes: string[];
}

const LIMITATIONS: Record<CheckMode, string> = {
  full: 'checks every coordinate: nothing is skipped, at the cost of 2 evaluations per parameter.',
  sampled:
    'checks only the sampled entries of each tensor (largest analytic magnitude plus random ones): a bug confined to unsampled small entries can pass unseen.',
  directional:
    'compares directional derivatives along random unit directions per tensor: it catches any wrong tensor gradient with probability 1 per direction, but a wrong entry that is tiny relative to the tensor gradient shows only as a small difference, and it cannot say which entry is wrong.',
};

function positionOf(index: number, shape: readonly number[]): number[] {
  const pos = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    pos[d] = index % shape[d];
    index = Math.floor(index / shape[d]);
  }
  return pos;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Entry indices to check for one tensor in sampled mode: top-|g| and random, never empty. */
function sampleIndices(analytic: Float64Array, k: number, gen: ReturnType<typeof toGenerator>): number[] {
  const n = analytic.length;
  if (2 * k >= n) return Array.from({ length: n }, (_, i) => i);
  const byMagnitude = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => Math.abs(analytic[b]) - Math.abs(analytic[a]),
  );
  const chosen = new Set(byMagnitude.slice(0, k));
  while (chosen.size < 2 * k) chosen.add(gen.int(n));
  return [...chosen].sort((a, b) => a - b);
}

/**
 * The objective at the current contents of every target's `values`. The arguments say what was just
 * perturbed (target index, and the entry, or −1 when the whole tensor moved), so an evaluator may
 * recompute only what depends on it.
 */
export type Objective = (target: number, entry: number) => number;

/**
 * Compares analytic gradients with two-sided differences of `objective`. Every target is restored
 * exactly after each perturbation.
 */
export function runCheck(
  targets: readonly CheckTarget[],
  objective: Objective,
  options: CheckOptions & { includeValues?: boolean; precomputed?: Float64Array[] } = {},
): CheckReport {
  const started = performance.now();
  const epsilon = options.epsilon ?? 1e-6;
  const mode = options.mode ?? 'full';
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const worstCount = options.worst ?? 3;
  const gen = toGenerator(options.seed, 0);
  let evaluations = 0;
  let largestObjective = 0;
  const evaluate = (target: number, entry: number): number => {
    evaluations++;
    const value = objective(target, entry);
    largestObjective = Math.max(largestObjective, Math.abs(value));
    return value;
  };
  const records: Array<{ a: number[]; num: number[] }> = [];
  // With differences computed elsewhere, one evaluation here still gives the size of J for the floor.
  if (options.precomputed && mode === 'full' && targets.length) largestObjective = Math.abs(objective(0, -1));

  const allAnalytic: number[] = [];
  const allNumeric: number[] = [];
  const parameters: TensorReport[] = targets.map((target, t) => {
    const { values, analytic } = target;
    const a: number[] = [];
    const num: number[] = [];
    const indices: number[] = [];
    if (mode === 'directional') {
      const directions = options.directions ?? 1;
      const v = new Float64Array(values.length);
      const saved = values.slice();
      for (let d = 0; d < directions; d++) {
        for (let i = 0; i < v.length; i++) v[i] = gen.normal();
        const length = norm(v) || 1;
        let dot = 0;
        for (let i = 0; i < v.length; i++) {
          v[i] /= length;
          dot += analytic[i] * v[i];
        }
        for (let i = 0; i < v.length; i++) values[i] = saved[i] + epsilon * v[i];
        const plus = evaluate(t, -1);
        for (let i = 0; i < v.length; i++) values[i] = saved[i] - epsilon * v[i];
        const minus = evaluate(t, -1);
        values.set(saved);
        a.push(dot);
        num.push((plus - minus) / (2 * epsilon));
        indices.push(d);
      }
    } else {
      const chosen = mode === 'full' ? null : sampleIndices(analytic, options.samples ?? 5, gen);
      const count = chosen ? chosen.length : values.length;
      const ready = mode === 'full' ? options.precomputed?.[t] : undefined;
      for (let c = 0; c < count; c++) {
        const i = chosen ? chosen[c] : c;
        if (ready) {
          // Differences computed elsewhere (worker threads) with the same evaluator.
          evaluations += 2;
          a.push(analytic[i]);
          num.push(ready[i]);
          indices.push(i);
          continue;
        }
        const original = values[i];
        values[i] = original + epsilon;
        const plus = evaluate(t, i);
        values[i] = original - epsilon;
        const minus = evaluate(t, i);
        values[i] = original;
        a.push(analytic[i]);
        num.push((plus - minus) / (2 * epsilon));
        indices.push(i);
      }
    }
    allAnalytic.push(...a);
    allNumeric.push(...num);
    records.push({ a, num });
    const difference = relativeDifference(a, num);
    const worst = indices
      .map((index, j) => ({
        index,
        ...(mode === 'directional' ? {} : { position: positionOf(index, target.shape) }),
        analytic: a[j],
        numeric: num[j],
        absoluteError: Math.abs(a[j] - num[j]),
      }))
      .sort((p, q) => q.absoluteError - p.absoluteError || p.index - q.index)
      .slice(0, worstCount);
    const report: TensorReport = {
      name: target.name,
      shape: [...target.shape],
      checked: a.length,
      difference,
      verdict: verdictFor(difference, thresholds),
      worst,
      analyticNorm: norm(a),
      numericNorm: norm(num),
      withinRoundingFloor: false,
    };
    if (options.includeValues) {
      report.analyticValues = a;
      report.numericValues = num;
    }
    return report;
  });

  // The course's ratio is meaningless where the true gradient is 0 and both sides are rounding noise
  // (e.g. a function constant in a tensor): there, an error within the rounding floor is agreement.
  const roundingFloor = (32 * Number.EPSILON * Math.max(largestObjective, Number.MIN_VALUE)) / epsilon;
  const notes: string[] = [];
  const errorNorm = (a: number[], num: number[]) => norm(a.map((v, i) => v - num[i]));
  parameters.forEach((p, i) => {
    const { a, num } = records[i];
    if (p.verdict !== 'pass' && errorNorm(a, num) <= roundingFloor * Math.sqrt(a.length)) {
      p.withinRoundingFloor = true;
      p.verdict = 'pass';
      notes.push(
        `${p.name}: analytic and numeric differ by no more than float64 rounding of J (gradient ≈ 0 there), counted as agreement.`,
      );
    }
  });
  const difference = relativeDifference(allAnalytic, allNumeric);
  const overallWithinFloor = errorNorm(allAnalytic, allNumeric) <= roundingFloor * Math.sqrt(allAnalytic.length);
  const verdict = worstVerdict([
    overallWithinFloor ? 'pass' : verdictFor(difference, thresholds),
    ...parameters.map((p) => p.verdict),
  ]);
  return {
    verdict,
    difference,
    mode,
    epsilon,
    thresholds,
    evaluations,
    seconds: (performance.now() - started) / 1000,
    roundingFloor,
    parameters,
    limitations: LIMITATIONS[mode],
    notes,
  };
}
