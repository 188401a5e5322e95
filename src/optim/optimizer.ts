import { ArgumentError, formatShape, ShapeError } from '../errors.js';
import type { Tensor, TypedArray } from '../tensor/index.js';

/** An optimizer's progress, JSON-serializable (buffers as plain arrays; float32 values convert exactly). */
export interface OptimizerState {
  name: string;
  iterations: number;
  learningRate: number;
  buffers: Array<{ index: number; values: number[][] }>;
}

/** Updates parameters in place from their gradients; keeps per-parameter state between steps. */
export abstract class Optimizer {
  abstract readonly name: string;
  /** The learning rate of the next step (a schedule may change it between epochs). */
  learningRate: number;
  /** Steps taken so far. */
  iterations = 0;
  private readonly state = new Map<number, TypedArray[]>();

  constructor(learningRate: number) {
    if (!(learningRate > 0 && Number.isFinite(learningRate)))
      throw new ArgumentError(`optimizer: learning rate must be a finite number > 0, got ${learningRate}`);
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

  /** Steps taken and every per-parameter buffer (momentum, Adam's moments), to resume exactly. */
  getState(): OptimizerState {
    return {
      name: this.name,
      iterations: this.iterations,
      learningRate: this.learningRate,
      buffers: [...this.state].map(([index, arrays]) => ({ index, values: arrays.map((a) => Array.from(a)) })),
    };
  }

  /** Continues from a state taken with getState (by an optimizer of the same kind and settings). */
  loadState(state: OptimizerState, params: readonly Tensor[]): void {
    if (state.name !== this.name)
      throw new ArgumentError(`${this.name}: cannot resume from the state of a ${state.name} optimizer`);
    this.iterations = state.iterations;
    this.learningRate = state.learningRate;
    this.state.clear();
    for (const { index, values } of state.buffers) {
      const param = params[index];
      if (!param || values.some((v) => v.length !== param.size))
        throw new ShapeError(`${this.name}: the saved state of parameter ${index} does not fit the model`);
      const Typed = param.data.constructor as Float64ArrayConstructor;
      this.state.set(
        index,
        values.map((v) => Typed.from(v)),
      );
    }
  }

  /** The hyper-parameters, for the history and the model file. */
  abstract config(): Record<string, number | string | boolean>;
}
