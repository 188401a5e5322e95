import type { GraphNode, Tensor } from './tensor.js';

export type { GraphNode };

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` with recording switched on or off, restoring the previous mode afterwards. */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/**
 * Attaches `backward` to `output` when recording is on and any input needs a gradient. Every op that
 * records passes its backward rule here; an op cannot record without one.
 */
export function record(
  output: Tensor,
  op: string,
  inputs: readonly Tensor[],
  backward: (outputGrad: Tensor) => ReadonlyArray<Tensor | null>,
): Tensor {
  if (!gradEnabled) return output;
  if (!inputs.some((t) => t.requiresGrad)) return output;
  output.requiresGrad = true;
  output.node = { op, inputs, backward };
  return output;
}
