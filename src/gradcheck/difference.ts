/**
 * The two-sided difference, written once for the checker, its error probes and its worker threads.
 *
 * n_i = (J(θ + h·e_i) − J(θ − h·e_i)) / (θ_i⁺ − θ_i⁻), with θ_i± = fl(θ_i ± ε): dividing by the step
 * that float64 actually took (not 2ε) removes the error of rounding θ_i ± ε, which matters once ε
 * nears the spacing of θ_i's floats. θ is restored bit-exactly afterwards.
 */

/** J on both sides of θ and the width of the step actually taken (0 when it vanished). */
export interface Pair {
  plus: number;
  minus: number;
  width: number;
}

/** J at θ_i ± ε for one entry; null when float64 cannot tell θ_i ± ε from θ_i (the step vanishes). */
export function entryPair(values: Float64Array, entry: number, epsilon: number, evaluate: () => number): Pair | null {
  const original = values[entry];
  const up = original + epsilon;
  const down = original - epsilon;
  if (up === down) return null;
  values[entry] = up;
  const plus = evaluate();
  values[entry] = down;
  const minus = evaluate();
  values[entry] = original;
  return { plus, minus, width: up - down };
}

/** J at θ ± ε·v for a unit direction v, with θ restored from `saved`. */
export function directionPair(
  values: Float64Array,
  saved: Float64Array,
  direction: Float64Array,
  epsilon: number,
  evaluate: () => number,
): Pair {
  for (let i = 0; i < values.length; i++) values[i] = saved[i] + epsilon * direction[i];
  const plus = evaluate();
  for (let i = 0; i < values.length; i++) values[i] = saved[i] - epsilon * direction[i];
  const minus = evaluate();
  values.set(saved);
  return { plus, minus, width: 2 * epsilon };
}

/** (J⁺ − J⁻)/width; NaN (0/0) when the step vanished. */
export function quotient(pair: Pair | null): number {
  return pair ? (pair.plus - pair.minus) / pair.width : Number.NaN;
}

/** The entry-wise two-sided difference. */
export function centralDifference(
  values: Float64Array,
  entry: number,
  epsilon: number,
  evaluate: () => number,
): number {
  return quotient(entryPair(values, entry, epsilon, evaluate));
}

/** The directional two-sided difference (J(θ + ε·v) − J(θ − ε·v)) / (2ε). */
export function directionalDifference(
  values: Float64Array,
  saved: Float64Array,
  direction: Float64Array,
  epsilon: number,
  evaluate: () => number,
): number {
  return quotient(directionPair(values, saved, direction, epsilon, evaluate));
}

/** True when float64 cannot represent θ_i ± ε apart from θ_i (the step vanishes). */
export function stepVanishes(value: number, epsilon: number): boolean {
  return value + epsilon === value - epsilon;
}

/**
 * Two-sided differences of entries [from, to) of tensor `target`, written to out[at], out[at + 1], …:
 * each what centralDifference gives for that entry alone, however they are computed together.
 */
export type EntryDifferences = (
  target: number,
  from: number,
  to: number,
  step: number,
  out: Float64Array,
  at: number,
) => void;

/** EntryDifferences one entry at a time, perturbing `values[target]` in place (and restoring it). */
export function entryByEntry(
  values: readonly Float64Array[],
  evaluate: (target: number, entry: number) => number,
): EntryDifferences {
  return (target, from, to, step, out, at) => {
    for (let entry = from; entry < to; entry++)
      out[at + entry - from] = centralDifference(values[target], entry, step, () => evaluate(target, entry));
  };
}
