import { DataError } from '../errors.js';
import type { MinMaxScaler } from './minMaxScaler.js';
import { scalerFromJSON, type Scaler, type ScalerJSON } from './scaler.js';
import { StandardScaler } from './standardScaler.js';

/** The settings two scalers must share to be merged: what they transform to, not what they saw. */
function settingsOf(json: ScalerJSON): Record<string, unknown> {
  return json.type === 'standard'
    ? { type: json.type, withMean: json.withMean, withStd: json.withStd }
    : { type: json.type, min: json.min, max: json.max };
}

const width = (json: ScalerJSON) => (json.type === 'standard' ? json.mean.length : json.dataMin.length);

/**
 * One scaler from scalers fitted separately on disjoint rows (shards), as if fitted on all of them:
 * standard scalers by Chan, Golub & LeVeque's pairwise formulas (StandardScaler.merge: counts add,
 * means and sums of squared deviations combine exactly), min-max scalers by the minimum of the minima
 * and the maximum of the maxima. Scalers of another type, other settings, other features (by name and
 * order) or another width are refused, naming the two sources.
 */
export function mergeScalers(parts: ReadonlyArray<{ scaler: ScalerJSON; source: string }>): Scaler {
  if (parts.length === 0) throw new DataError('mergeScalers: no scalers to merge');
  const [first] = parts;
  for (const part of parts.slice(1)) {
    const clash = (what: string, a: unknown, b: unknown) =>
      new DataError(
        `mergeScalers: ${part.source} has ${what} ${JSON.stringify(b)}, ${first.source} has ${JSON.stringify(a)}; ` +
          'only scalers of the same features and settings merge',
      );
    const [a, b] = [settingsOf(first.scaler), settingsOf(part.scaler)];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw clash('settings', a, b);
    if (width(first.scaler) !== width(part.scaler))
      throw clash('feature count', width(first.scaler), width(part.scaler));
    if (JSON.stringify(first.scaler.featureNames) !== JSON.stringify(part.scaler.featureNames))
      throw clash('features', first.scaler.featureNames, part.scaler.featureNames);
  }
  const scalers = parts.map((p) => {
    try {
      return scalerFromJSON(p.scaler);
    } catch (error) {
      (error as Error).message = `${p.source}: ${(error as Error).message}`;
      throw error;
    }
  });
  const merged = scalers[0];
  for (const other of scalers.slice(1)) {
    if (merged instanceof StandardScaler) merged.merge(other as StandardScaler);
    else (merged as MinMaxScaler).merge(other as MinMaxScaler);
  }
  return merged;
}
