import { valueAndGrad, noGrad } from '../autograd/index.js';
import { mul, sum } from '../ops/index.js';
import { Tensor, randn } from '../tensor/index.js';
import { runCheck, type CheckOptions, type CheckReport } from './core.js';

/** Options of `checkGrad`: the check options plus the seed of the random output weighting. */
export interface CheckGradOptions extends CheckOptions {
  /** Names for the inputs in the report (default input0, input1, …). */
  names?: string[];
  includeValues?: boolean;
}

/**
 * Checks the gradient of any function of tensors (custom ops included) against two-sided differences,
 * always in float64: float32 inputs are checked through float64 copies. A non-scalar output is reduced
 * to Σ R⊙f(x) with fixed seeded random weights R, so every output's backward path is exercised.
 */
export function checkGrad(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: CheckGradOptions = {},
): CheckReport {
  const notes: string[] = [];
  const copies = inputs.map((x) => {
    const data = Float64Array.from(x.data);
    return new Tensor(data, x.shape);
  });
  if (inputs.some((x) => x.dtype === 'float32')) notes.push('float32 inputs were checked through float64 copies.');

  let weights: Tensor | null = null;
  const scalar = (...xs: Tensor[]): Tensor => {
    const out = fn(...xs);
    if (out.size === 1) return out;
    if (!weights) {
      weights = randn(out.shape, { seed: 12345 });
      notes.push(`the output has shape [${out.shape.join(', ')}]: it was reduced with fixed random weights.`);
    }
    return sum(mul(out, weights));
  };

  const { grads } = valueAndGrad(scalar)(...copies);
  const targets = copies.map((c, i) => ({
    name: options.names?.[i] ?? `input${i}`,
    shape: c.shape,
    values: c.data as Float64Array,
    analytic: Float64Array.from(grads[i].data),
  }));
  const report = runCheck(targets, () => noGrad(() => scalar(...copies).item()), options);
  report.notes.push(...notes);
  return report;
}
