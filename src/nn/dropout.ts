import { ArgumentError } from '../errors.js';
import { mul } from '../ops/index.js';
import { Tensor, allocate } from '../tensor/index.js';
import { type ColumnMap, type ForwardContext, inherits, Layer } from './layer.js';

/**
 * Inverted dropout: in training, each unit is kept with probability 1 − rate and scaled by
 * 1/(1 − rate), so evaluation needs no rescaling. Its gradient is the same mask: d(x⊙M) = dy⊙M.
 */
export class Dropout extends Layer {
  readonly type = 'dropout';
  readonly rate: number;

  constructor(rate: number) {
    super();
    if (!(rate >= 0 && rate < 1)) throw new ArgumentError(`Dropout: rate must be in [0, 1), got ${rate}`);
    this.rate = rate;
  }

  build(inputSize: number): number {
    return inputSize;
  }

  /** A mask of 0 and 1/(1 − rate), drawn from the context's generator. */
  drawMask(shape: readonly number[], x: Tensor, ctx: ForwardContext): Tensor {
    if (!ctx.generator) throw new Error('Dropout: training mode needs a generator in the forward context');
    const keep = 1 - this.rate;
    const data = allocate(x.dtype, x.size);
    for (let i = 0; i < data.length; i++) data[i] = ctx.generator.uniform() < keep ? 1 / keep : 0;
    return new Tensor(data, shape);
  }

  /**
   * Inverted dropout in training mode (keep with probability 1 − rate, scale by 1/(1 − rate)); identity in
   * evaluation mode.
   */
  forward(x: Tensor, ctx: ForwardContext): Tensor {
    if (!ctx.training || this.rate === 0) return x;
    const index = ctx.index ?? -1;
    let m = ctx.masks?.get(index);
    if (!m || m.size !== x.size) {
      m = this.drawMask(x.shape, x, ctx);
      ctx.masks?.set(index, m);
    }
    return mul(x, m);
  }

  // In training with a frozen mask M, column r of the output is column r of the input times M[:, r].
  override columnMap(): ColumnMap | null {
    // A subclass's own forward may not act per column.
    if (!inherits(this, Dropout.prototype, ['forward'])) return null;
    return (column, r, ctx) => {
      const mask = ctx.training && this.rate > 0 ? ctx.masks?.get(ctx.index ?? -1) : undefined;
      if (!mask) return column;
      const width = mask.shape[1];
      const out = new Tensor(allocate(column.dtype, column.size), column.shape);
      for (let i = 0; i < column.size; i++) out.data[i] = column.data[i] * mask.data[i * width + r];
      return out;
    };
  }

  toConfig(): Record<string, unknown> {
    return { type: 'dropout', rate: this.rate };
  }
}
