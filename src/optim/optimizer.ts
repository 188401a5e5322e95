import { ShapeError, formatShape } from '../errors.js';
import type { Tensor, TypedArray } from '../tensor/index.js';

/** Updates parameters in place from their gradients; keeps per-parameter state between steps. */
export abstract class Optimizer {
  abstract readonly name: string;
  /** The learning rate of the next step (a schedule may change it between epochs). */
  learningRate: number;
  /** Steps taken so far. */
  iterations = 0;
  private readonly state = new Map<number, TypedArray[]>();

  constructor(learningRate: number) {
    if (!(learningRate > 0)) throw new RangeError(`optimizer: learning rate must be > 0, got ${learningRate}`);
    this.learningRate = learningRate;
  }

  /** Per-parameter buffers (zeros at first use), `count` of them, shaped like the parameter. */
  protected buffers(index: number, param: Tensor, count: number): TypedArray[] {
    let s = this.state.get(index);
    if (!s) {
      s = Array.from({ length: count }, () => new (param.data.constructor as Float64ArrayConstructor)(param.size));
      this.state.set(index, s);
    }
    return s;
  }

  /** One update of every parameter from its gradient (same order, same sizes). */
  step(params: readonly Tensor[], grads: readonly Tensor[]): void {
    if (params.length !== grads.length)
      throw new ShapeError(`${this.name}.step: ${params.length} parameters but ${grads.length} gradients`);
    this.iterations++;
    params.forEach((p, i) => {
      const gr = grads[i];
      if (gr.size !== p.size)
        throw new ShapeError(
          `${this.name}.step: gradient ${formatShape(gr.shape)} for parameter ${formatShape(p.shape)}`,
        );
      this.update(i, p, p.data, gr.data);
    });
  }

  /** Updates one parameter's values `w` in place from its gradient `g`. */
  protected abstract update(index: number, param: Tensor, w: TypedArray, g: TypedArray): void;

  /** The hyper-parameters, for the history and the model file. */
  abstract config(): Record<string, number | string | boolean>;
}
