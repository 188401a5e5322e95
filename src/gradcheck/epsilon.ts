import { ArgumentError } from '../errors.js';

/** A fixed step, or `'auto'`: per tensor, the step that minimizes estimated truncation + rounding error. */
export type Epsilon = number | 'auto';

/**
 * Default step of the two-sided difference: 'auto', per tensor (noise.ts, bestStep). A fixed step
 * rounds as ε_mach·|J|/ε and truncates as ε²·|J'''|/6, and the best balance differs between tensors
 * and during training. Measured by bench/gradcheck-epsilon.mjs on 60 random correct networks (half after
 * 100 training steps) and 1,170 planted bugs of size ≥ 1e-2: median difference 1.2e-10 with 'auto'
 * against 1.0e-9 with the previous fixed 1e-6 (smaller on 58 of 60 networks), the same verdicts on the
 * correct ones (55 pass; 5 inconclusive with either, each a ReLU kink at θ) and the same bugs caught
 * (1,155 fail, none pass, with either), so 'auto' became the default. Among fixed steps, 1e-6 beats the
 * course's 1e-7: at 1e-7 the rounding alone reaches 1e-7 relative once gradients shrink to ~1e-3 during
 * training (measured: 1.1e-7 on a correct network after 100 steps, 1.1e-8 at 1e-6).
 */
export const DEFAULT_EPSILON: Epsilon = 'auto';

/** ε must be a positive, finite number (or 'auto'); anything else is an ArgumentError naming the value. */
export function checkEpsilon(epsilon: unknown, operation = 'gradient check'): Epsilon {
  if (epsilon === 'auto') return epsilon;
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0)
    throw new ArgumentError(
      `${operation}: epsilon must be a positive finite number or 'auto', ` +
        `got ${typeof epsilon === 'string' ? `'${epsilon}'` : String(epsilon)}`,
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
