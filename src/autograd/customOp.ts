import { ShapeError, formatShape } from '../errors.js';
import { Tensor, record, sameShape, withGradMode } from '../tensor/index.js';

/** What forward hands to backward: tensors saved with `save`, plus any plain values set on it. */
export interface OpContext {
  /** Keeps tensors for backward (read them back from `saved`). */
  save(...tensors: Tensor[]): void;
  readonly saved: readonly Tensor[];
  [key: string]: unknown;
}

/** A differentiable op written by hand: its name, its forward computation and its backward rule. */
export interface CustomOpDefinition {
  name: string;
  /** Computes the output from the inputs (not recorded; use any ops). */
  forward(ctx: OpContext, ...inputs: Tensor[]): Tensor;
  /** Given dL/dy, returns dL/dx for each input (null for an input without a gradient). */
  backward(ctx: OpContext, outputGrad: Tensor): Tensor | ReadonlyArray<Tensor | null>;
}

/**
 * Defines a differentiable op with a hand-written backward rule, like PyTorch's autograd.Function.
 * The rule is trusted as written: verify it with `checkGrad`.
 */
export function customOp(definition: CustomOpDefinition): (...inputs: Tensor[]) => Tensor {
  const { name } = definition;
  return (...inputs: Tensor[]) => {
    const saved: Tensor[] = [];
    const ctx: OpContext = {
      save: (...tensors: Tensor[]) => void saved.push(...tensors),
      saved,
    };
    const output = withGradMode(false, () => definition.forward(ctx, ...inputs));
    if (!(output instanceof Tensor)) throw new TypeError(`${name}: forward must return a Tensor`);
    const result = new Tensor(output.data, output.shape);
    return record(result, name, inputs, (dy) => {
      const raw = definition.backward(ctx, dy);
      const list = raw instanceof Tensor ? [raw] : [...raw];
      if (list.length !== inputs.length) {
        throw new ShapeError(`${name}: backward returned ${list.length} gradients for ${inputs.length} inputs`);
      }
      list.forEach((g, i) => {
        if (g && !sameShape(g.shape, inputs[i].shape)) {
          throw new ShapeError(
            `${name}: backward returned shape ${formatShape(g.shape)} ` +
              `for input ${i} of shape ${formatShape(inputs[i].shape)}`,
          );
        }
      });
      return list;
    });
  };
}
