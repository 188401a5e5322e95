import { directionPair, entryPair, quotient, type Pair } from './difference.js';
import { largest, norm, type CheckTarget, type Comparison } from './measure.js';
import { bestStep, roundingPerValue, truncationAt, type ErrorModel } from './noise.js';

/** Entries (or directions) per tensor at which errors are measured by a second difference. */
const PROBES = 3;

/**
 * Step of the pilot differences behind 'auto', the zero-gradient confirmation and the suggested range:
 * large enough that rounding is ~1e-11·|J| per value, small enough that a random batch rarely puts a
 * ReLU kink within it.
 */
export const PILOT_STEP = 1e-4;

type Probe = { entry: number } | { direction: Float64Array };
type Evaluate = (target: number, entry: number) => number;

function pairAt(target: CheckTarget, t: number, probe: Probe, step: number, evaluate: Evaluate): Pair | null {
  if ('entry' in probe) return entryPair(target.values, probe.entry, step, () => evaluate(t, probe.entry));
  return directionPair(target.values, target.values.slice(), probe.direction, step, () => evaluate(t, -1));
}

function differenceAt(target: CheckTarget, t: number, probe: Probe, step: number, evaluate: Evaluate): number {
  return quotient(pairAt(target, t, probe, step, evaluate));
}

/**
 * A kink of J within ±2h along a probe (a ReLU at 0, |x|, max), and the error it can cause in D(h).
 * With s(h) = J(θ+h) + J(θ−h) − 2J(θ), a smooth J has s(2h) ≈ 4·s(h); a kink at distance δ < h with
 * slope jump Δ gives s(h) = Δ·(h − δ) and moves D(h) by s(h)/(2h) — Δ/2 when the kink sits at θ
 * itself (a dead ReLU unit with a zero bias), where D(2h) − D(h) = 0 and Richardson sees nothing.
 * Doubled, like the truncation: at a kink at θ the misfit equals the bound to the last digits.
 */
function kinkError(
  target: CheckTarget,
  t: number,
  probe: Probe,
  step: number,
  far: Pair,
  noise: number,
  evaluate: Evaluate,
): number | null {
  // J(θ) along the same evaluation path as the perturbed values (nothing is moved).
  const centre = 'entry' in probe ? evaluate(t, probe.entry) : evaluate(t, -1);
  const near = pairAt(target, t, probe, step, evaluate);
  if (!near) return null;
  const s1 = near.plus + near.minus - 2 * centre;
  const s2 = far.plus + far.minus - 2 * centre;
  if (!Number.isFinite(s1) || !Number.isFinite(s2)) return null;
  const smooth = Math.abs(s2 - 4 * s1) <= 0.25 * Math.abs(s2) + 8 * noise;
  return smooth ? null : (2 * Math.abs(s1)) / near.width;
}

/**
 * Per-value rounding coefficient (error at step h = coefficient/h). Along a direction, rounding θ ± ε·v
 * to float64 moves J by up to ε_mach·Σ|θᵢ·gᵢ| as well (entry-wise, dividing by the actual step removes it).
 */
function roundingCoefficient(target: CheckTarget, j0: number, directional: boolean): number {
  let moved = 0;
  if (directional)
    for (let i = 0; i < target.values.length; i++) moved += Math.abs(target.values[i] * target.analytic[i]);
  return roundingPerValue(j0, 1) + Number.EPSILON * (Number.isFinite(moved) ? moved : 0);
}

/** Estimated errors of one tensor's differences at the step they were taken. */
export interface Errors {
  /** ‖rounding error‖ over the compared values. */
  rounding: number;
  /** ‖truncation error‖ over the compared values. */
  truncation: number;
  /** The largest truncation (or kink error) measured at a single probe. */
  largestTruncation: number;
  /** Probes at which J has a kink within ±2ε. */
  kinks: number;
  model: ErrorModel;
}

/**
 * Rounding from the model; truncation measured by a difference at 2h at the entries (or directions)
 * that disagree most and those of largest gradient: a disagreement caused by truncation (or a kink)
 * changes with the step, a wrong analytic gradient does not. The other values are assumed to truncate
 * like the largest-gradient ones.
 */
export function errorsAt(
  target: CheckTarget,
  t: number,
  step: number,
  c: Comparison,
  j0: number,
  evaluate: Evaluate,
): Errors {
  const count = c.indices.length;
  const rounding = roundingCoefficient(target, j0, c.directions !== null);
  const model: ErrorModel = { rounding, truncation: 0, count };
  if (count === 0 || !Number.isFinite(j0)) return { rounding: 0, truncation: 0, largestTruncation: 0, kinks: 0, model };
  const positions = c.indices.map((_, j) => j).filter((j) => Number.isFinite(c.numeric[j]));
  const misfit = c.analytic.map((a, j) => a - c.numeric[j]);
  const byGradient = largest(c.analytic, PROBES, positions);
  const probed = new Set([...largest(misfit, PROBES, positions), ...byGradient]);
  const truncation = new Map<number, number>();
  let kinks = 0;
  for (const j of probed) {
    const probe: Probe = c.directions ? { direction: c.directions[j] } : { entry: c.indices[j] };
    const far = pairAt(target, t, probe, 2 * step, evaluate);
    const wider = quotient(far);
    if (!far || !Number.isFinite(wider)) continue;
    const kink = kinkError(target, t, probe, step, far, roundingPerValue(j0, 1), evaluate);
    if (kink !== null) kinks++;
    truncation.set(j, Math.max(truncationAt(c.numeric[j], wider), kink ?? 0));
  }
  const typical = Math.max(0, ...byGradient.map((j) => truncation.get(j) ?? 0));
  let squares = Math.max(0, count - truncation.size) * typical * typical;
  for (const v of truncation.values()) squares += v * v;
  const truncationNorm = Math.sqrt(squares);
  model.truncation = truncationNorm / (Math.sqrt(count) * step * step);
  return {
    rounding: (Math.sqrt(count) * rounding) / step,
    truncation: truncationNorm,
    largestTruncation: Math.max(0, ...truncation.values()),
    kinks,
    model,
  };
}

/** Differences at PILOT_STEP and 2·PILOT_STEP at a few probes, with the error model they imply. */
export interface Pilot {
  step: number;
  /** D(PILOT_STEP) at each probe. */
  numeric: number[];
  /** Estimated error of each of those: rounding + truncation. */
  error: number[];
  model: ErrorModel;
}

/**
 * Pilot differences for one tensor: at the entries of largest analytic (and, after a comparison,
 * numeric) gradient, or along the analytic gradient's direction and the compared directions.
 */
export function pilotAt(
  target: CheckTarget,
  t: number,
  mode: 'full' | 'sampled' | 'directional',
  c: Comparison | null,
  j0: number,
  evaluate: Evaluate,
): Pilot {
  const directional = mode === 'directional';
  const rounding = roundingCoefficient(target, j0, directional);
  const probes: Probe[] = [];
  if (directional) {
    const length = norm(target.analytic);
    if (length > 0 && Number.isFinite(length)) probes.push({ direction: target.analytic.map((v) => v / length) });
    for (const v of (c?.directions ?? []).slice(0, PROBES)) probes.push({ direction: v });
    if (!probes.length) probes.push({ direction: target.values.map(() => 1 / Math.sqrt(target.values.length)) });
  } else {
    const entries = new Set(largest(target.analytic, PROBES));
    if (c) for (const j of largest(c.numeric, PROBES)) entries.add(c.indices[j]);
    for (const entry of entries) probes.push({ entry });
  }
  const pilot: Pilot = { step: PILOT_STEP, numeric: [], error: [], model: { rounding, truncation: 0, count: 0 } };
  let worstTruncation = 0;
  for (const probe of probes) {
    const near = differenceAt(target, t, probe, PILOT_STEP, evaluate);
    const far = differenceAt(target, t, probe, 2 * PILOT_STEP, evaluate);
    const truncation = truncationAt(near, far);
    if (Number.isFinite(truncation)) worstTruncation = Math.max(worstTruncation, truncation);
    pilot.numeric.push(near);
    pilot.error.push(rounding / PILOT_STEP + truncation);
  }
  pilot.model = {
    rounding,
    truncation: worstTruncation / (PILOT_STEP * PILOT_STEP),
    count: c ? c.indices.length : directional ? 1 : target.values.length,
  };
  return pilot;
}

/** 'auto': the step minimizing the pilot's estimated rounding + truncation. */
export function stepFromPilot(pilot: Pilot): number {
  return bestStep(pilot.model);
}

/** The gradient is measurably non-zero at the pilot step: some |D| exceeds twice its estimated error. */
export function pilotSeesGradient(pilot: Pilot): boolean {
  return pilot.numeric.some((d, j) => Math.abs(d) > 2 * pilot.error[j]);
}

/** The size of g seen by the pilot: ‖D‖ over its entries (a lower bound), or its largest directional |D|. */
export function pilotGradientNorm(pilot: Pilot, c: Comparison): number {
  const finite = pilot.numeric.filter(Number.isFinite);
  return c.directions ? Math.max(0, ...finite.map(Math.abs)) : norm(finite);
}

/**
 * Probes where a too-large step would show: the entries that disagree most and those of largest
 * analytic and numeric gradient (or the compared directions and the analytic gradient's direction).
 */
export function consistencyProbes(target: CheckTarget, c: Comparison): Probe[] {
  if (c.directions) {
    const length = norm(target.analytic);
    const along = length > 0 && Number.isFinite(length) ? [target.analytic.map((v) => v / length)] : [];
    return [...along, ...c.directions.slice(0, PROBES)].map((direction) => ({ direction }));
  }
  const positions = c.indices.map((_, j) => j).filter((j) => Number.isFinite(c.numeric[j]));
  const misfit = c.analytic.map((a, j) => a - c.numeric[j]);
  const chosen = new Set([
    ...largest(misfit, PROBES, positions),
    ...largest(c.analytic, PROBES, positions),
    ...largest(c.numeric, PROBES, positions),
  ]);
  return [...chosen].map((j) => ({ entry: c.indices[j] }));
}

/**
 * Above the pilot step, the error estimates hold only where D(ε) agrees with D(PILOT_STEP) to within
 * both estimated errors (doubled). Past the range where J follows its Taylor expansion (ε = 1e300,
 * where the network saturates) D(2ε) ≈ D(ε) and Richardson sees no truncation at all; a ReLU kink
 * within ±ε moves D(ε) by up to half the slope's jump while D(2ε) − D(ε) can stay small.
 */
export function agreesWithPilot(
  target: CheckTarget,
  t: number,
  step: number,
  probes: readonly Probe[],
  errors: Errors,
  evaluate: Evaluate,
): boolean {
  const rounding = errors.model.rounding;
  return probes.every((probe) => {
    const d = differenceAt(target, t, probe, step, evaluate);
    const near = differenceAt(target, t, probe, PILOT_STEP, evaluate);
    const far = differenceAt(target, t, probe, 2 * PILOT_STEP, evaluate);
    if (![d, near, far].every(Number.isFinite)) return true;
    const allowed = rounding / step + errors.largestTruncation + rounding / PILOT_STEP + truncationAt(near, far);
    return Math.abs(d - near) <= 2 * allowed;
  });
}
