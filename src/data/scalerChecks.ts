import { DataError, ModelFormatError } from '../errors.js';

/**
 * Checks for a scaler's stored statistics: a file can be edited or corrupted, and a negative M2 or a
 * zero count would otherwise become NaN or a silent pass-through at transform time.
 */
export function readStatArray(
  where: string,
  json: Record<string, unknown>,
  field: string,
  length: number,
  featureNames: readonly string[] | null,
  rule: { positive?: boolean; nonNegative?: boolean; integer?: boolean } = {},
): Float64Array {
  const value = json[field];
  if (!Array.isArray(value) || value.length !== length)
    throw new ModelFormatError(
      `${where}: ${field} must be an array of ${length} numbers, ` +
        `got ${Array.isArray(value) ? `${value.length} entries` : JSON.stringify(value)}`,
    );
  value.forEach((v, j) => {
    const name = featureNames?.[j] ? ` (${featureNames[j]})` : '';
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!rule.positive || v > 0) &&
      (!rule.nonNegative || v >= 0) &&
      (!rule.integer || Number.isInteger(v));
    if (!ok) {
      const expected =
        `a finite${rule.integer ? ' integer' : ' number'}` +
        `${rule.positive ? ' > 0' : rule.nonNegative ? ' ≥ 0' : ''}`;
      throw new ModelFormatError(`${where}: ${field}[${j}]${name} is ${JSON.stringify(v)}; expected ${expected}`);
    }
  });
  return Float64Array.from(value as number[]);
}

/** Feature names: null, or one string per feature. */
export function readFeatureNames(where: string, json: Record<string, unknown>, length: number): string[] | null {
  const names = json.featureNames;
  if (names === null || names === undefined) return null;
  if (!Array.isArray(names) || names.length !== length || names.some((n) => typeof n !== 'string'))
    throw new ModelFormatError(`${where}: featureNames must be null or ${length} strings`);
  return names as string[];
}

/** A boolean flag that defaults when absent. */
export function readFlag(where: string, json: Record<string, unknown>, field: string, fallback: boolean): boolean {
  const v = json[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean')
    throw new ModelFormatError(`${where}: ${field} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Refuses to serialize a statistic JSON would write as null. */
export function assertSerializable(
  where: string,
  field: string,
  values: ArrayLike<number>,
  names: readonly string[] | null,
): void {
  for (let j = 0; j < values.length; j++) {
    if (!Number.isFinite(values[j]))
      throw new DataError(
        `${where}: ${field}[${j}]${names?.[j] ? ` (${names[j]})` : ''} is ${values[j]}; ` +
          'refusing to write a statistic JSON would store as null',
      );
  }
}
