import { ShapeError, formatShape } from '../errors.js';
import { Tensor, withGradMode, zeros } from '../tensor/index.js';
import { gradients } from './backward.js';

export type ScalarFunction = (...inputs: Tensor[]) => Tensor;

/** What `valueAndGrad(f)` returns: f's value and its gradient with respect to each input, in order. */
export interface ValueAndGrad {
  value: Tensor;
  grads: Tensor[];
}

/**
 * Evaluates f at `inputs` and returns its value with the gradient with respect to every input. The
 * caller's tensors are not modified: f sees fresh leaves that share their data.
 */
export function valueAndGrad(f: ScalarFunction): (...inputs: Tensor[]) => ValueAndGrad {
  return (...inputs: Tensor[]) => {
    const leaves = inputs.map((x) => {
      if (!(x instanceof Tensor)) throw new TypeError('valueAndGrad: every argument must be a Tensor');
      return new Tensor(x.data, x.shape, true);
    });
    const value = withGradMode(true, () => f(...leaves));
    if (!(value instanceof Tensor)) throw new TypeError('valueAndGrad: f must return a Tensor');
    if (value.size !== 1) {
      throw new ShapeError(`valueAndGrad: f must return a scalar, got shape ${formatShape(value.shape)}`);
    }
    const found = gradients(value, leaves);
    const grads = leaves.map((leaf) => found.get(leaf) ?? zeros(leaf.shape, { dtype: leaf.dtype }));
    return { value: value.detach(), grads };
  };
}

/** The gradient of a scalar function with respect to each of its tensor arguments. */
export function grad(f: ScalarFunction): (...inputs: Tensor[]) => Tensor[] {
  const vg = valueAndGrad(f);
  return (...inputs: Tensor[]) => vg(...inputs).grads;
}

/** Runs fn without recording operations (for evaluation and parameter updates). */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}
