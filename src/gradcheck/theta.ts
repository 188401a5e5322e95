import { ShapeError } from '../errors.js';
import type { Sequential } from '../nn/index.js';
import { flattenValues, type Tensor } from '../tensor/index.js';

/** θ: every parameter flattened row-major and concatenated in `namedParameters()` order. */
export function parametersToVector(model: Sequential): Float64Array {
  return tensorsToVector(model.parameters());
}

/** dθ: gradients (one per parameter, in the same order) flattened the same way as θ. */
export function tensorsToVector(tensors: readonly Tensor[]): Float64Array {
  return flattenValues(tensors);
}

/** Writes θ back into the model's parameters (the inverse of parametersToVector). */
export function vectorToParameters(model: Sequential, theta: ArrayLike<number>): void {
  const params = model.parameters();
  const total = params.reduce((n, t) => n + t.size, 0);
  if (theta.length !== total)
    throw new ShapeError(`vectorToParameters: θ has ${theta.length} entries, the model has ${total} parameters`);
  let at = 0;
  for (const p of params) {
    for (let i = 0; i < p.size; i++) p.data[i] = theta[at + i];
    at += p.size;
  }
}

/** Where each parameter sits in θ: [name, offset, size]. */
export function thetaLayout(model: Sequential): Array<{ name: string; offset: number; size: number; shape: number[] }> {
  let offset = 0;
  return model.namedParameters().map(([name, t]) => {
    const entry = { name, offset, size: t.size, shape: [...t.shape] };
    offset += t.size;
    return entry;
  });
}
