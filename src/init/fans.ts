import { ShapeError, formatShape } from '../errors.js';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

/**
 * fan_in and fan_out of a weight in PyTorch's layout: [out, in] for a dense layer, and
 * [out, in, ...receptive field] beyond (each fan times the receptive field size). A vector counts its
 * length as both fans.
 */
export function computeFans(shape: readonly number[]): Fans {
  if (shape.length === 0) throw new ShapeError(`computeFans: a scalar has no fans, got shape ${formatShape(shape)}`);
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  let receptive = 1;
  for (let d = 2; d < shape.length; d++) receptive *= shape[d];
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}
