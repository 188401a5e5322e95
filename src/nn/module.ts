import type { Tensor } from '../tensor/index.js';

/**
 * A unit of a network with explicitly registered parameters and sub-modules. Parameter names follow
 * PyTorch: a child's parameters are prefixed with the child's name (`0.weight`, `0.bias`, …), in
 * registration order, so the order of `namedParameters()` is stable.
 */
export abstract class Module {
  private readonly ownParameters = new Map<string, { tensor: Tensor; penalized: boolean }>();
  private readonly children = new Map<string, Module>();

  /** Registers a leaf tensor as a trainable parameter; `penalized` marks it for the L2 term. */
  protected registerParameter(name: string, tensor: Tensor, penalized = false): Tensor {
    tensor.requiresGrad = true;
    this.ownParameters.set(name, { tensor, penalized });
    return tensor;
  }

  /** Registers a child module; its parameters are named `<name>.<parameter>`. */
  protected registerModule(name: string, module: Module): void {
    this.children.set(name, module);
  }

  /** [name, parameter] pairs, own first, then each child's in registration order. */
  namedParameters(prefix = ''): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    for (const [name, { tensor }] of this.ownParameters) out.push([prefix + name, tensor]);
    for (const [name, child] of this.children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  /** The parameters in `namedParameters()` order (the order of the θ vector). */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** Every parameter with its full name, its own name (its role: 'weight', 'bias', …) and whether L2 penalizes it. */
  parameterEntries(prefix = ''): Array<{ name: string; role: string; penalized: boolean; tensor: Tensor }> {
    const out: Array<{ name: string; role: string; penalized: boolean; tensor: Tensor }> = [];
    for (const [role, { tensor, penalized }] of this.ownParameters)
      out.push({ name: prefix + role, role, penalized, tensor });
    for (const [name, child] of this.children) out.push(...child.parameterEntries(`${prefix}${name}.`));
    return out;
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    return this.parameters().reduce((n, t) => n + t.size, 0);
  }
}
