import { ArgumentError } from '../errors.js';

/**
 * The most parameters a network may have unless the caller raises the budget. Why 50 million: a
 * float64 parameter costs 8 bytes, and training keeps four copies (weights, gradients, Adam's two
 * moments), so 50 M parameters already need 1.6 GB before any activation; a file asking for more
 * is far more likely a typo or a hostile file (`units: 1e9` grew the process to 17–24 GB before
 * anything was said) than a network this CPU engine could train.
 */
export const DEFAULT_MAX_PARAMETERS = 50_000_000;

let currentBudget = DEFAULT_MAX_PARAMETERS;

/** The budget that checks use when none is given (DEFAULT_MAX_PARAMETERS unless raised). */
export function parameterBudget(): number {
  return currentBudget;
}

/** Raises (or lowers) the budget for this process: the CLI's `--max-parameters` calls this. */
export function setParameterBudget(limit: number): void {
  if (!(limit > 0) || !(Number.isInteger(limit) || limit === Number.POSITIVE_INFINITY))
    throw new ArgumentError(`setParameterBudget: expected a positive integer (or Infinity), got ${limit}`);
  currentBudget = limit;
}

/**
 * Parameters of a chain of dense layers with biases, sizes = [n_in, n[1], …, n[L]]:
 * Σ_l (n[l−1]·n[l] + n[l]). Computed in float64, so even absurd sizes (1e9 × 1e9) give a finite count.
 */
export function denseParameterCount(sizes: readonly number[]): number {
  let total = 0;
  for (let l = 1; l < sizes.length; l++) total += sizes[l - 1] * sizes[l] + sizes[l];
  return total;
}

/**
 * Refuses a dense chain whose parameter count exceeds `limit`, before anything is allocated. Call it
 * with the sizes read from a file, a flag or an imported model; returns the count when it fits.
 */
export function assertParameterBudget(sizes: readonly number[], limit = parameterBudget(), what = 'model'): number {
  const bad = sizes.findIndex((n) => !Number.isSafeInteger(n) || n <= 0);
  if (bad >= 0) throw new ArgumentError(`${what}: layer sizes must be positive integers, got ${sizes[bad]} at ${bad}`);
  return assertParameterCount(denseParameterCount(sizes), limit, `${what}: ${sizes.join(' → ')}`);
}

/** The same refusal for a count computed by the caller (a weight's shape, a deep stack of layers). */
export function assertParameterCount(count: number, limit = parameterBudget(), what = 'model'): number {
  if (!(count <= limit)) {
    throw new ArgumentError(
      `${what} needs ${count.toLocaleString('en-US')} parameters, ` +
        `above the budget of ${limit.toLocaleString('en-US')} ` +
        '(raise it with --max-parameters, or setParameterBudget in code, if you mean it)',
    );
  }
  return count;
}
