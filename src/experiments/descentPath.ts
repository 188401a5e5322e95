import { logisticCost, logisticGradient, type LogisticParameters, type TwoFeatureProblem } from './costSurface.js';

/**
 * A run is stable when its cost never rises above this factor times the lowest cost seen so far.
 * Plain gradient descent below 2/λ_max lowers a quadratic's cost at every step, so any real rise is
 * the start of oscillation; 1.05 tolerates rounding-level wiggles and rejects the raw run at lr 3e-5
 * on breast_cancer whose cost swings between 0.5 and 7 (a 14× rise) for about 100 steps.
 */
export const STABLE_RISE_FACTOR = 1.05;

/** True when every cost is finite and none exceeds `factor` × the running minimum before it. */
export function isStableRun(costs: ArrayLike<number>, factor = STABLE_RISE_FACTOR): boolean {
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < costs.length; i++) {
    const c = costs[i];
    if (!Number.isFinite(c) || c > factor * lowest) return false;
    lowest = Math.min(lowest, c);
  }
  return true;
}

/**
 * Plain gradient descent on the two weights with the bias held at `start.b`: exactly the surface the
 * contours draw. Returns every visited (w₁, w₂) and the cost there (step 0 included).
 */
export function descendOnSlice(
  problem: TwoFeatureProblem,
  start: LogisticParameters,
  learningRate: number,
  steps: number,
): { path: Array<[number, number]>; costs: number[] } {
  let p = { ...start };
  const path: Array<[number, number]> = [[p.w1, p.w2]];
  const costs = [logisticCost(problem, p)];
  for (let s = 0; s < steps; s++) {
    const g = logisticGradient(problem, p);
    p = { w1: p.w1 - learningRate * g[0], w2: p.w2 - learningRate * g[1], b: p.b };
    const c = logisticCost(problem, p);
    path.push([p.w1, p.w2]);
    costs.push(c);
    if (!Number.isFinite(c)) break;
  }
  return { path, costs };
}

/** The rate whose stable run ends lowest, with that run; null when no rate is stable. */
export function bestStableDescent(
  problem: TwoFeatureProblem,
  start: LogisticParameters,
  rates: number[],
  steps: number,
) {
  let best: { learningRate: number; path: Array<[number, number]>; costs: number[] } | null = null;
  for (const learningRate of rates) {
    const run = descendOnSlice(problem, start, learningRate, steps);
    if (run.costs.length !== steps + 1 || !isStableRun(run.costs)) continue;
    if (!best || run.costs[steps] < best.costs[steps]) best = { learningRate, ...run };
  }
  return best;
}
