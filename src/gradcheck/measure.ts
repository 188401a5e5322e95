import type { toGenerator } from '../random/index.js';
import { centralDifference, directionalDifference } from './difference.js';

type Gen = ReturnType<typeof toGenerator>;

/** One tensor being checked: its float64 values (perturbed in place, then restored) and its analytic gradient. */
export interface CheckTarget {
  name: string;
  shape: readonly number[];
  values: Float64Array;
  analytic: Float64Array;
}

/** What was compared for one tensor: entries (full, sampled) or random unit directions (directional). */
export interface Comparison {
  /** Entry indices, or direction numbers. */
  indices: number[];
  analytic: number[];
  numeric: number[];
  /** Directional mode: the unit directions, in order. */
  directions: Float64Array[] | null;
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Entry indices to check for one tensor in sampled mode: top-|g| and random, never empty. */
export function sampleIndices(analytic: Float64Array, k: number, gen: Gen): number[] {
  const n = analytic.length;
  if (2 * k >= n) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set(largest(analytic, k));
  while (chosen.size < 2 * k) chosen.add(gen.int(n));
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Indices of the k largest |v[i]| (ties by index), NaN last; a fractional k is cut to its whole part, as
 * slice does.
 */
export function largest(v: ArrayLike<number>, wanted: number, among?: readonly number[]): number[] {
  // A user's `samples: 2.5` must not leave `top` unbounded (it would never reach length 2.5).
  const k = Math.trunc(wanted);
  const size = (i: number) => (Number.isNaN(v[i]) ? -1 : Math.abs(v[i]));
  /** Negative when index a ranks before index b. */
  const order = (a: number, b: number) => size(b) - size(a) || a - b;
  const count = among ? among.length : v.length;
  if (!(k > 0)) return [];
  // One pass keeping the best k in order: sorting all 26k indices of a check cost ≈ 50 ms of its run. Each
  // index may cost an insertion of O(k), so a large k (a user's `samples`) sorts instead; the probes ask
  // for at most a handful.
  if (k > 16) return (among ? [...among] : Array.from({ length: count }, (_, i) => i)).sort(order).slice(0, k);
  const top: number[] = [];
  for (let j = 0; j < count; j++) {
    const i = among ? among[j] : j;
    if (top.length === k) {
      if (order(i, top[k - 1]) >= 0) continue;
      top.pop();
    }
    let at = top.length;
    while (at > 0 && order(i, top[at - 1]) < 0) at--;
    top.splice(at, 0, i);
  }
  return top;
}

/** Two-sided differences at the chosen entries (all when `chosen` is null); `ready` ones came from workers. */
export function compareEntries(
  target: CheckTarget,
  step: number,
  chosen: readonly number[] | null,
  evaluate: (entry: number) => number,
  ready?: Float64Array,
): Comparison {
  const count = chosen ? chosen.length : target.values.length;
  const out: Comparison = { indices: [], analytic: [], numeric: [], directions: null };
  for (let c = 0; c < count; c++) {
    const i = chosen ? chosen[c] : c;
    out.indices.push(i);
    out.analytic.push(target.analytic[i]);
    out.numeric.push(ready ? ready[i] : centralDifference(target.values, i, step, () => evaluate(i)));
  }
  return out;
}

/** Directional derivatives ⟨g, v⟩ against their two-sided differences, along random unit directions. */
export function compareDirections(
  target: CheckTarget,
  step: number,
  directions: number,
  gen: Gen,
  evaluate: () => number,
): Comparison {
  const { values, analytic } = target;
  const saved = values.slice();
  const out: Comparison = { indices: [], analytic: [], numeric: [], directions: [] };
  for (let d = 0; d < directions; d++) {
    const v = new Float64Array(values.length);
    for (let i = 0; i < v.length; i++) v[i] = gen.normal();
    const length = norm(v) || 1;
    for (let i = 0; i < v.length; i++) v[i] /= length;
    out.indices.push(d);
    out.analytic.push(dot(analytic, v));
    out.numeric.push(directionalDifference(values, saved, v, step, evaluate));
    out.directions!.push(v);
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
