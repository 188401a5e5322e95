import { ArgumentError, ShapeError, formatShape } from '../errors.js';
import { add, mul, square, sum } from '../ops/index.js';
import { Tensor } from '../tensor/index.js';
import type { ForwardContext } from './layer.js';
import { softmaxCrossEntropyBlocks } from '../ops/softmaxCrossEntropy.js';
import {
  binaryCrossEntropy,
  type LossName,
  meanSquaredError,
  oneHotTargets,
  parseLoss,
  softmaxCrossEntropy,
} from './losses.js';
import type { ParameterSlot, Sequential } from './sequential.js';

/** λ of the L2 term when none is given: no regularization. */
export const DEFAULT_L2 = 0;

/** The shorthand users write (`{ loss, l2 }`), turned into an Objective at the edge by `Objective.from`. */
export interface ObjectiveOptions {
  loss: LossName | string;
  /** λ of the L2 term λ/(2m)·Σ‖W‖²_F (default 0). */
  l2?: number;
}

/** The objective of one batch: the total, the data loss and the L2 term, as tensors. */
export interface ObjectiveResult {
  /** data loss + L2 term: what training minimizes and gradient checking verifies. */
  objective: Tensor;
  dataLoss: Tensor;
  output: Tensor;
  /** The last layer's pre-activation (what the cross-entropies and accuracy read). */
  logits: Tensor;
}

/**
 * What training minimizes and gradient checking verifies: a data loss plus the L2 term
 * λ/(2m)·Σ‖W‖²_F over the penalized parameter slots (dense weights, not biases), m the batch size.
 * Built once from the user's `{ loss, l2 }`; everything inside takes this value, so the penalty is
 * written here only: its value, its gradient and its change when one entry is perturbed.
 */
export class Objective {
  readonly loss: LossName;
  readonly l2: number;

  private constructor(loss: LossName, l2: number) {
    this.loss = loss;
    this.l2 = l2;
  }

  /** The one conversion from the shorthand; an Objective passes through unchanged. */
  static from(spec: ObjectiveOptions | Objective): Objective {
    if (spec instanceof Objective) return spec;
    const l2 = spec.l2 ?? DEFAULT_L2;
    if (!(l2 >= 0 && Number.isFinite(l2))) throw new ArgumentError(`l2 must be a finite number ≥ 0, got ${l2}`);
    return new Objective(parseLoss(spec.loss), l2);
  }

  /** The loss name and λ, as saved in model files. */
  toJSON(): { loss: LossName; l2: number } {
    return { loss: this.loss, l2: this.l2 };
  }

  /** Whether the L2 term includes this parameter slot. */
  penalizes(slot: ParameterSlot): boolean {
    return this.l2 > 0 && slot.penalized;
  }

  /** c = λ/(2m), the factor of Σ‖W‖² for a batch of m rows. */
  penaltyFactor(m: number): number {
    return this.l2 / (2 * m);
  }

  /** ∂/∂W of λ/(2m)·‖W‖² = (λ/m)·W: the factor of W in a penalized slot's gradient. */
  penaltyGradientFactor(m: number): number {
    return this.l2 / m;
  }

  /** The L2 term λ/(2m)·Σ‖W‖²_F as a recorded tensor (null without regularization). */
  penalty(model: Sequential, m: number): Tensor | null {
    if (this.l2 === 0) return null;
    let total: Tensor | null = null;
    for (const slot of model.parameterSlots()) {
      if (!this.penalizes(slot)) continue;
      const s = sum(square(slot.tensor));
      total = total ? add(total, s) : s;
    }
    return total ? mul(total, this.penaltyFactor(m)) : null;
  }

  /** Change of the L2 term when one entry of a penalized slot goes from w0 to w: c·(w² − w0²) = c·(w − w0)(w + w0). */
  entryPenaltyChange(m: number, w0: number, w: number): number {
    return this.penaltyFactor(m) * (w - w0) * (w + w0);
  }

  /** Change of the L2 term when a whole penalized slot changes: c·(‖W‖² − ‖W0‖²). */
  tensorPenaltyChange(m: number, values: ArrayLike<number>, originalSquares: number): number {
    return this.penaltyFactor(m) * (sumOfSquares(values) - originalSquares);
  }

  /** Whether the data loss reads the output (MSE); the cross-entropies read the logits only. */
  get readsOutput(): boolean {
    return this.loss === 'meanSquaredError';
  }

  /**
   * The data loss read from the right tensor: cross-entropies from the logits (the last
   * pre-activation), which needs a last activation of sigmoid (BCE), softmax (softmax CE) or linear;
   * MSE from the output.
   */
  dataLoss(model: Sequential, output: Tensor, logits: Tensor, y: Tensor): Tensor {
    this.checkLastActivation(model);
    if (this.loss === 'binaryCrossEntropy') return binaryCrossEntropy(logits, y);
    if (this.loss === 'softmaxCrossEntropy') return softmaxCrossEntropy(logits, y);
    return meanSquaredError(output, y);
  }

  /**
   * The data loss of each of `blocks` batches stacked in `output` and `logits` (block b: rows
   * [b·m, (b+1)·m)), all against y, each with the bits dataLoss gives that block alone: the gradient
   * checker's stacked evaluations. Softmax cross-entropy runs one log-softmax over every row.
   */
  blockDataLosses(model: Sequential, output: Tensor | null, logits: Tensor, y: Tensor, blocks: number): Float64Array {
    const [rows, k] = logits.shape;
    const m = y.shape[0];
    if (!(Number.isInteger(blocks) && blocks > 0) || logits.rank !== 2 || rows !== blocks * m)
      throw new ShapeError(
        `blockDataLosses: logits ${formatShape(logits.shape)} must be ${blocks} blocks of y's ${m} rows`,
      );
    if (this.loss === 'softmaxCrossEntropy') {
      this.checkLastActivation(model);
      return softmaxCrossEntropyBlocks(logits, oneHotTargets(y, m, k), blocks);
    }
    const block = (t: Tensor, b: number) => new Tensor(t.data.subarray(b * m * k, (b + 1) * m * k), [m, k]);
    const losses = new Float64Array(blocks);
    for (let b = 0; b < blocks; b++)
      losses[b] = this.dataLoss(model, block(output ?? logits, b), block(logits, b), y).item();
    return losses;
  }

  /** The cross-entropies read logits: a last activation of sigmoid (BCE), softmax (softmax CE) or linear. */
  private checkLastActivation(model: Sequential): void {
    const act = model.outputActivation;
    if (this.loss === 'binaryCrossEntropy' && act !== 'sigmoid' && act !== 'linear')
      throw new ArgumentError(`binaryCrossEntropy needs a last activation of sigmoid or linear, not ${act}`);
    if (this.loss === 'softmaxCrossEntropy' && act !== 'softmax' && act !== 'linear')
      throw new ArgumentError(`softmaxCrossEntropy needs a last activation of softmax or linear, not ${act}`);
  }

  /** The objective on a batch: data loss + λ/(2m)·Σ‖W‖², m the batch size. */
  evaluate(model: Sequential, x: Tensor, y: Tensor, context: Partial<ForwardContext> = {}): ObjectiveResult {
    const { output, logits } = model.forwardWithLogits(x, context);
    const data = this.dataLoss(model, output, logits, y);
    const penalty = this.penalty(model, x.shape[0]);
    return { objective: penalty ? add(data, penalty) : data, dataLoss: data, output, logits };
  }
}

export function sumOfSquares(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return s;
}

/** The training objective on a batch, from the shorthand `{ loss, l2 }` or an Objective. */
export function computeObjective(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  options: ObjectiveOptions | Objective,
  context: Partial<ForwardContext> = {},
): ObjectiveResult {
  return Objective.from(options).evaluate(model, x, y, context);
}
