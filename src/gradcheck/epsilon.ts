import { ArgumentError } from '../errors.js';

/**
 * Default step of the two-sided difference. Its rounding error is about ε_mach·|J|/ε, and its
 * truncation error about ε²·|J'''|/6: at 1e-7 the rounding alone reaches 1e-7 relative once gradients
 * shrink to ~1e-3 during training (measured: 1.1e-7 on a correct network after 100 steps, 1.1e-8 at
 * 1e-6), so 1e-6 is the default, as in PyTorch's gradcheck. `'auto'` was measured against it and did not
 * earn the default (docs/gradient-checking.md, "Choosing ε").
 */
export const DEFAULT_EPSILON = 1e-6;

/** A fixed step, or `'auto'`: per tensor, the step that minimizes estimated truncation + rounding error. */
export type Epsilon = number | 'auto';

/** ε must be a positive, finite number (or 'auto'); anything else is an ArgumentError naming the value. */
export function checkEpsilon(epsilon: unknown, operation = 'gradient check'): Epsilon {
  if (epsilon === 'auto') return epsilon;
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0)
    throw new ArgumentError(
      `${operation}: epsilon must be a positive finite number or 'auto', got ${typeof epsilon === 'string' ? `'${epsilon}'` : String(epsilon)}`,
    );
  return epsilon;
}

/** Reads ε from text, as the CLI's --epsilon gives it ('auto', '1e-6', …). */
export function parseEpsilon(text: string): Epsilon {
  const trimmed = text.trim();
  if (trimmed === 'auto') return 'auto';
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value) || value <= 0)
    throw new ArgumentError(`--epsilon takes a positive finite number or 'auto', got '${text}'`);
  return value;
}
