import { ModelFormatError } from '../errors.js';
import { MinMaxScaler, type MinMaxScalerJSON } from './minMaxScaler.js';
import { StandardScaler, type StandardScalerJSON } from './standardScaler.js';

/** Either input scaler; both fit on training rows and apply the same statistics to every later split. */
export type Scaler = StandardScaler | MinMaxScaler;
export type ScalerJSON = StandardScalerJSON | MinMaxScalerJSON;

/** A fitted scaler from its JSON (as stored in a scaler file or a model's `normalizer`). */
export function scalerFromJSON(json: unknown): Scaler {
  const type = (json as { type?: unknown } | null)?.type;
  if (type === 'standard') return StandardScaler.fromJSON(json as StandardScalerJSON);
  if (type === 'minmax') return MinMaxScaler.fromJSON(json as MinMaxScalerJSON);
  throw new ModelFormatError(`not a scaler: type is ${JSON.stringify(type)} (expected "standard" or "minmax")`);
}
