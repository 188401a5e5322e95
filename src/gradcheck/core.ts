import { toGenerator, type Seed } from '../random/index.js';
import { DEFAULT_EPSILON, checkEpsilon, type Epsilon } from './epsilon.js';
import { judgeTensor, type Judgement } from './judge.js';
import {
  compareDirections,
  compareEntries,
  norm,
  sampleIndices,
  type CheckTarget,
  type Comparison,
} from './measure.js';
import { errorsAt, PILOT_STEP, pilotAt, stepFromPilot, type Errors } from './probes.js';
import { DEFAULT_THRESHOLDS, relativeDifference, worstVerdict, type Thresholds, type Verdict } from './verdict.js';

export type { CheckTarget } from './measure.js';

/**
 * How many coordinates a check perturbs: all (`full`), a chosen subset (`sampled`), or random directions
 * (`directional`).
 */
export type CheckMode = 'full' | 'sampled' | 'directional';

/** The mode of a check that names none: every coordinate. */
export const DEFAULT_CHECK_MODE: CheckMode = 'full';

export interface CheckOptions {
  /** Step of the two-sided difference (default DEFAULT_EPSILON, see there for why), or 'auto'. */
  epsilon?: Epsilon;
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
  /** The step used for this tensor (with epsilon 'auto', chosen per tensor). */
  epsilon: number;
  /** Estimated ‖rounding error‖ of the compared differences (absolute, over the checked values). */
  roundingError: number;
  /** Estimated ‖truncation error‖ of the compared differences (from differences at ε and 2ε). */
  truncationError: number;
  /**
   * Smallest relative error ‖a − g‖/‖g‖ this check could have detected at its ε: twice the estimated
   * error over ‖n‖. null when the gradient is 0 to within that error (then compared in absolute terms),
   * or when no difference could be formed (the step vanished, J overflowed).
   */
  detectableError: number | null;
  /** ‖a − n‖ is within the estimated error of the differences: agreement at this check's resolution. */
  withinError: boolean;
  /** Why the verdict is inconclusive, or why a non-finite value decided it. */
  reason?: string;
  /** For an inconclusive tensor: steps at which the error model says relative errors of 1e-2 would show. */
  workingEpsilon?: { from: number; to: number } | null;
  /** With includeValues: the compared analytic and numeric values, in checked order. */
  analyticValues?: number[];
  numericValues?: number[];
}

/** The result of a gradient check: overall difference and verdict, one report per tensor, and what it cost. */
export interface CheckReport {
  verdict: Verdict;
  difference: number;
  mode: CheckMode;
  /** The ε asked for: a number, or 'auto' (each tensor's step is in its report). */
  epsilon: Epsilon;
  thresholds: Thresholds;
  /** Every evaluation of J, including those in `errorEvaluations`. */
  evaluations: number;
  /** Evaluations spent estimating the differences' errors (J at θ, differences at 2ε, pilot steps). */
  errorEvaluations: number;
  seconds: number;
  /** J at the unperturbed parameters (up to the constants an evaluator leaves out). */
  objective: number;
  parameters: TensorReport[];
  /** What this mode cannot see. */
  limitations: string;
  notes: string[];
}

const LIMITATIONS: Record<CheckMode, string> = {
  full: 'checks every coordinate: nothing is skipped, at the cost of 2 evaluations per parameter.',
  sampled:
    'checks only the sampled entries of each tensor (largest analytic magnitude plus random ones): ' +
    'a bug confined to unsampled small entries can pass unseen.',
  directional:
    'compares directional derivatives along random unit directions per tensor: it catches any wrong tensor gradient ' +
    'with probability 1 per direction, but a wrong entry that is tiny relative to the tensor gradient shows only ' +
    'as a small difference, and it cannot say which entry is wrong.',
};

/**
 * The objective at the current contents of every target's `values`. The arguments say what was just
 * perturbed (target index, and the entry, or −1 when the whole tensor moved), so an evaluator may
 * recompute only what depends on it.
 */
export type Objective = (target: number, entry: number) => number;

export interface RunCheckOptions extends CheckOptions {
  includeValues?: boolean;
  /** Differences of a full check computed elsewhere (worker threads), given each tensor's step. */
  precompute?: (steps: number[]) => Float64Array[] | null;
}

/** A counting wrapper around the objective. */
interface Evaluator {
  evaluate: Objective;
  count: number;
}

/**
 * Compares analytic gradients with two-sided differences of `objective`, and says per tensor how small
 * an error the comparison could have seen. Every target is restored exactly after each perturbation.
 */
export function runCheck(
  targets: readonly CheckTarget[],
  objective: Objective,
  options: RunCheckOptions = {},
): CheckReport {
  const started = performance.now();
  const epsilon = checkEpsilon(options.epsilon ?? DEFAULT_EPSILON);
  const mode = options.mode ?? DEFAULT_CHECK_MODE;
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const evaluator: Evaluator = { count: 0, evaluate: () => 0 };
  evaluator.evaluate = (t, e) => {
    evaluator.count++;
    return objective(t, e);
  };
  // J at θ: the size of its rounding, and whether it overflowed.
  const j0 = targets.length ? evaluator.evaluate(0, -1) : 0;
  const steps = targets.map((target, t) => stepFor(target, t, epsilon, mode, j0, evaluator));
  const ready = mode === 'full' ? (options.precompute?.(steps) ?? null) : null;
  const gen = toGenerator(options.seed, 0);
  let comparing = 0;
  const compared = targets.map((target, t) => {
    const start = evaluator.count;
    const comparison = compare(target, t, steps[t], mode, options, gen, evaluator, ready?.[t]);
    if (ready) evaluator.count += 2 * comparison.indices.length;
    comparing += evaluator.count - start;
    return comparison;
  });
  const parameters = targets.map((target, t) => {
    const errors = errorsAt(target, t, steps[t], compared[t], j0, evaluator.evaluate);
    const judgement = judgeTensor(target, t, steps[t], compared[t], errors, j0, thresholds, evaluator.evaluate);
    return tensorReport(target, steps[t], compared[t], errors, judgement, options);
  });
  const evaluations = evaluator.count;
  return {
    verdict: worstVerdict(parameters.map((p) => p.verdict)),
    difference: relativeDifference(
      compared.flatMap((c) => c.analytic),
      compared.flatMap((c) => c.numeric),
    ),
    mode,
    epsilon,
    thresholds,
    evaluations,
    errorEvaluations: evaluations - comparing,
    seconds: (performance.now() - started) / 1000,
    objective: j0,
    parameters,
    limitations: LIMITATIONS[mode],
    notes: parameters.flatMap((p) => notesFor(p, thresholds)),
  };
}

/** The step for one tensor: the fixed ε, or with 'auto' the one minimizing estimated truncation + rounding. */
function stepFor(
  target: CheckTarget,
  t: number,
  epsilon: Epsilon,
  mode: CheckMode,
  j0: number,
  evaluator: Evaluator,
): number {
  if (epsilon !== 'auto') return epsilon;
  // J overflowed: no step can help, and the tensor is inconclusive whatever is returned here.
  if (!Number.isFinite(j0)) return PILOT_STEP;
  return stepFromPilot(pilotAt(target, t, mode, null, j0, evaluator.evaluate));
}

function compare(
  target: CheckTarget,
  t: number,
  step: number,
  mode: CheckMode,
  options: RunCheckOptions,
  gen: ReturnType<typeof toGenerator>,
  evaluator: Evaluator,
  ready?: Float64Array,
): Comparison {
  if (mode === 'directional')
    return compareDirections(target, step, options.directions ?? 1, gen, () => evaluator.evaluate(t, -1));
  const chosen = mode === 'full' ? null : sampleIndices(target.analytic, options.samples ?? 5, gen);
  return compareEntries(target, step, chosen, (i) => evaluator.evaluate(t, i), ready);
}

function positionOf(index: number, shape: readonly number[]): number[] {
  const pos = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    pos[d] = index % shape[d];
    index = Math.floor(index / shape[d]);
  }
  return pos;
}

function tensorReport(
  target: CheckTarget,
  step: number,
  c: Comparison,
  errors: Errors,
  judgement: Judgement,
  options: RunCheckOptions,
): TensorReport {
  const worst = c.indices
    .map((index, j) => ({
      index,
      ...(c.directions ? {} : { position: positionOf(index, target.shape) }),
      analytic: c.analytic[j],
      numeric: c.numeric[j],
      absoluteError: Math.abs(c.analytic[j] - c.numeric[j]),
    }))
    .sort((p, q) => (q.absoluteError || 0) - (p.absoluteError || 0) || p.index - q.index)
    .slice(0, options.worst ?? 3);
  const report: TensorReport = {
    name: target.name,
    shape: [...target.shape],
    checked: c.indices.length,
    difference: relativeDifference(c.analytic, c.numeric),
    verdict: judgement.verdict,
    worst,
    analyticNorm: norm(c.analytic),
    numericNorm: norm(c.numeric),
    epsilon: step,
    roundingError: errors.rounding,
    truncationError: errors.truncation,
    detectableError: judgement.detectable,
    withinError: judgement.withinError,
  };
  if (judgement.reason) report.reason = judgement.reason;
  if (judgement.verdict === 'inconclusive') report.workingEpsilon = judgement.workingEpsilon ?? null;
  if (options.includeValues) {
    report.analyticValues = c.analytic;
    report.numericValues = c.numeric;
  }
  return report;
}

function notesFor(p: TensorReport, thresholds: Thresholds): string[] {
  if (p.verdict === 'inconclusive' || p.verdict === 'fail' || !p.withinError) return [];
  if (p.detectableError === null)
    return [
      `${p.name}: the gradient is 0 to within the differences' estimated error ` +
        `(${(p.roundingError + p.truncationError).toExponential(1)}), ` +
        'and so is the analytic one: compared in absolute terms.',
    ];
  if (p.difference <= thresholds.pass) return [];
  return [
    `${p.name}: ‖a − n‖ is within the estimated error of the differences ` +
      `(rounding ${p.roundingError.toExponential(1)}, truncation ${p.truncationError.toExponential(1)}): ` +
      `agreement to the check's resolution, ${p.detectableError.toExponential(1)} relative.`,
  ];
}
