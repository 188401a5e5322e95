import { ShapeError, formatShape } from '../errors.js';
import { add } from '../ops/index.js';
import { type Tensor, full, ones, sameShape, withGradMode } from '../tensor/index.js';

/**
 * Tensors that `output` depends on through recorded ops, in topological order (inputs before the
 * tensors computed from them). Iterative depth-first search, so a graph of any depth is fine.
 */
export function topologicalOrder(output: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: Array<[Tensor, number]> = [[output, 0]];
  visited.add(output);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [t, next] = top;
    const inputs = t.node?.inputs ?? [];
    if (next < inputs.length) {
      top[1] = next + 1;
      const input = inputs[next];
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push([input, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

function accumulate(grads: Map<Tensor, Tensor>, t: Tensor, g: Tensor, op: string): void {
  if (!sameShape(g.shape, t.shape)) {
    throw new ShapeError(
      `backward: the rule of '${op}' returned a gradient of shape ${formatShape(g.shape)} ` +
        `for an input of shape ${formatShape(t.shape)}`,
    );
  }
  const previous = grads.get(t);
  grads.set(t, previous ? add(previous, g) : g);
}

/**
 * Reverse-mode sweep from `output` with seed gradient `seed`. Returns the gradient of every tensor in
 * `targets` (leaves or not); intermediate gradients are dropped as soon as they have been used.
 */
export function gradients(output: Tensor, targets: readonly Tensor[], seed?: Tensor): Map<Tensor, Tensor> {
  const wanted = new Set(targets);
  const result = new Map<Tensor, Tensor>();
  if (!output.requiresGrad) return result;
  const seedGrad = seed ?? ones(output.shape, { dtype: output.dtype });
  if (!sameShape(seedGrad.shape, output.shape)) {
    throw new ShapeError(
      `backward: seed gradient ${formatShape(seedGrad.shape)} does not match output ${formatShape(output.shape)}`,
    );
  }
  return withGradMode(false, () => {
    const order = topologicalOrder(output);
    const grads = new Map<Tensor, Tensor>([[output, seedGrad]]);
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      const g = grads.get(t);
      if (!g) continue;
      if (wanted.has(t)) result.set(t, g);
      if (!t.node) continue;
      grads.delete(t);
      const inputGrads = t.node.backward(g);
      t.node.inputs.forEach((input, k) => {
        const ig = inputGrads[k];
        if (ig && input.requiresGrad) accumulate(grads, input, ig, t.node!.op);
      });
    }
    return result;
  });
}

/**
 * Backpropagates from a scalar `output` (or from any output with an explicit `gradient`) and adds the
 * result into `.grad` of every leaf that requires it: calling it twice accumulates, as in PyTorch.
 */
export function backward(output: Tensor, gradient?: Tensor): void {
  if (!gradient && output.size !== 1) {
    throw new ShapeError(
      `backward: output of shape ${formatShape(output.shape)} is not a scalar; pass a gradient of that shape`,
    );
  }
  if (!output.requiresGrad) {
    throw new Error('backward: the output does not depend on any tensor that requires a gradient');
  }
  const order = topologicalOrder(output);
  const leaves = order.filter((t) => t.isLeaf && t.requiresGrad);
  const grads = gradients(output, leaves, gradient);
  withGradMode(false, () => {
    for (const leaf of leaves) {
      const g = grads.get(leaf) ?? full(leaf.shape, 0, { dtype: leaf.dtype });
      leaf.grad = leaf.grad ? add(leaf.grad, g) : g;
    }
  });
}
