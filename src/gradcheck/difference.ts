/**
 * The two-sided difference, written once for the checker and its worker threads.
 *
 * n_i = (J(θ + h·e_i) − J(θ − h·e_i)) / (θ_i⁺ − θ_i⁻), with θ_i± = fl(θ_i ± ε): dividing by the step
 * that float64 actually took (not 2ε) removes the error of rounding θ_i ± ε, which matters once ε
 * nears the spacing of θ_i's floats. θ_i is restored bit-exactly afterwards.
 */
export function centralDifference(
  values: Float64Array,
  entry: number,
  epsilon: number,
  evaluate: () => number,
): number {
  const original = values[entry];
  const up = original + epsilon;
  const down = original - epsilon;
  const step = up - down;
  // ε below the spacing of θ_i: the perturbation vanished, and no difference can be formed.
  if (step === 0) return Number.NaN;
  values[entry] = up;
  const plus = evaluate();
  values[entry] = down;
  const minus = evaluate();
  values[entry] = original;
  return (plus - minus) / step;
}

/** True when float64 cannot represent θ_i ± ε apart from θ_i (the step vanishes). */
export function stepVanishes(value: number, epsilon: number): boolean {
  return value + epsilon === value - epsilon;
}

/**
 * The directional version: (J(θ + ε·v) − J(θ − ε·v)) / (2ε) for a unit vector v, with θ restored from
 * `saved` afterwards.
 */
export function directionalDifference(
  values: Float64Array,
  saved: Float64Array,
  direction: Float64Array,
  epsilon: number,
  evaluate: () => number,
): number {
  for (let i = 0; i < values.length; i++) values[i] = saved[i] + epsilon * direction[i];
  const plus = evaluate();
  for (let i = 0; i < values.length; i++) values[i] = saved[i] - epsilon * direction[i];
  const minus = evaluate();
  values.set(saved);
  return (plus - minus) / (2 * epsilon);
}
