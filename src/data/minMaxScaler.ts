import { ArgumentError, DataError, ModelFormatError } from '../errors.js';
import type { Tensor } from '../tensor/index.js';
import { assertFinite, mapColumns, toMatrix, type Matrix, type MatrixLike } from './matrix.js';
import { assertSerializable, readFeatureNames, readStatArray } from './scalerChecks.js';

/** The target range [min, max] and the feature names a MinMaxScaler reports in messages. */
export interface MinMaxScalerOptions {
  /** Lower end of the target range (default 0). */
  min?: number;
  /** Upper end of the target range (default 1). */
  max?: number;
  featureNames?: string[];
}

export interface MinMaxScalerJSON {
  type: 'minmax';
  min: number;
  max: number;
  featureNames: string[] | null;
  samplesSeen: number;
  dataMin: number[];
  dataMax: number[];
}

/**
 * Rescales each feature to [min, max] with the training data's range:
 * z = (x − x_min)/(x_max − x_min)·(max − min) + min. A constant feature (range 0) gets range 1.
 */
export class MinMaxScaler {
  readonly min: number;
  readonly max: number;
  private readonly featureNames: string[] | null;
  private lo: Float64Array | null = null;
  private hi: Float64Array | null = null;
  private seen = 0;

  constructor(options: MinMaxScalerOptions = {}) {
    this.min = options.min ?? 0;
    this.max = options.max ?? 1;
    if (!(this.min < this.max) || !Number.isFinite(this.max - this.min))
      throw new ArgumentError(`MinMaxScaler: min (${this.min}) must be below max (${this.max})`);
    this.featureNames = options.featureNames ?? null;
  }

  private require(what: string): { lo: Float64Array; hi: Float64Array } {
    if (!this.lo || !this.hi)
      throw new DataError(`MinMaxScaler.${what}: the scaler is not fitted; call fit() on the training data first`);
    return { lo: this.lo, hi: this.hi };
  }

  get samplesSeen(): number {
    return this.seen;
  }

  get dataMin(): readonly number[] {
    return Array.from(this.require('dataMin').lo);
  }

  get dataMax(): readonly number[] {
    return Array.from(this.require('dataMax').hi);
  }

  /** Multiplier per feature: (max − min)/(x_max − x_min), with a zero range counted as 1. */
  get scale(): readonly number[] {
    const { lo, hi } = this.require('scale');
    return Array.from(lo, (l, j) => (this.max - this.min) / 2 / halfSpan(l, hi[j]));
  }

  /** Forgets any earlier statistics and learns each column's minimum and maximum from `x`. */
  fit(x: MatrixLike): this {
    this.lo = this.hi = null;
    this.seen = 0;
    return this.partialFit(x);
  }

  /** Widens the learned minimum and maximum with another chunk of rows (for data larger than memory). */
  partialFit(x: MatrixLike): this {
    const m = toMatrix('MinMaxScaler.fit', x);
    assertFinite('MinMaxScaler.fit', m, this.featureNames ?? undefined);
    if (this.lo && m.cols !== this.lo.length)
      throw new DataError(`MinMaxScaler.partialFit: fitted on ${this.lo.length} features, this chunk has ${m.cols}`);
    const lo = this.lo ?? new Float64Array(m.cols).fill(Infinity);
    const hi = this.hi ?? new Float64Array(m.cols).fill(-Infinity);
    for (let r = 0; r < m.rows; r++) {
      for (let c = 0; c < m.cols; c++) {
        const v = m.data[r * m.cols + c];
        if (v < lo[c]) lo[c] = v;
        if (v > hi[c]) hi[c] = v;
      }
    }
    this.lo = lo;
    this.hi = hi;
    this.seen += m.rows;
    return this;
  }

  /** Combines the statistics of a scaler fitted on other rows, as if both had been fitted together. */
  merge(other: MinMaxScaler): this {
    const o = other.require('merge');
    if (!this.lo || !this.hi) {
      this.lo = o.lo.slice();
      this.hi = o.hi.slice();
    } else {
      if (o.lo.length !== this.lo.length)
        throw new DataError(`MinMaxScaler.merge: ${this.lo.length} features vs ${o.lo.length}`);
      for (let j = 0; j < this.lo.length; j++) {
        this.lo[j] = Math.min(this.lo[j], o.lo[j]);
        this.hi[j] = Math.max(this.hi[j], o.hi[j]);
      }
    }
    this.seen += other.seen;
    return this;
  }

  private checkInput(where: string, x: MatrixLike): Matrix {
    const { lo } = this.require(where);
    const m = toMatrix(`MinMaxScaler.${where}`, x);
    if (m.cols !== lo.length)
      throw new DataError(
        `MinMaxScaler.${where}: the scaler was fitted on ${lo.length} features, the data has ${m.cols}`,
      );
    assertFinite(`MinMaxScaler.${where}`, m, this.featureNames ?? undefined);
    return m;
  }

  /** Maps each column linearly so that the fitted minimum goes to `min` and the maximum to `max`. */
  transform(x: MatrixLike): Tensor {
    const m = this.checkInput('transform', x);
    const { lo, hi } = this.require('transform');
    const range = this.max - this.min;
    // Halved before subtracting: x_max − x_min of a ±1e308 column overflows, its half does not.
    return mapColumns(m, (v, c) => ((v / 2 - lo[c] / 2) / halfSpan(lo[c], hi[c])) * range + this.min);
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: MatrixLike): Tensor {
    return this.fit(x).transform(x);
  }

  /** Undoes `transform`: back to the original units. */
  inverseTransform(z: MatrixLike): Tensor {
    const m = this.checkInput('inverseTransform', z);
    const { lo, hi } = this.require('inverseTransform');
    const range = this.max - this.min;
    return mapColumns(m, (v, c) => 2 * (((v - this.min) / range) * halfSpan(lo[c], hi[c]) + lo[c] / 2));
  }

  /** The fitted statistics as plain JSON (saved inside model files and scaler files). */
  toJSON(): MinMaxScalerJSON {
    const { lo, hi } = this.require('toJSON');
    assertSerializable('MinMaxScaler.toJSON', 'dataMin', lo, this.featureNames);
    assertSerializable('MinMaxScaler.toJSON', 'dataMax', hi, this.featureNames);
    return {
      type: 'minmax',
      min: this.min,
      max: this.max,
      featureNames: this.featureNames,
      samplesSeen: this.seen,
      dataMin: Array.from(lo),
      dataMax: Array.from(hi),
    };
  }

  /** A scaler from its JSON, refused unless the ranges are finite, dataMin ≤ dataMax and rows were seen. */
  static fromJSON(json: MinMaxScalerJSON): MinMaxScaler {
    const where = 'MinMaxScaler.fromJSON';
    const raw = json as unknown as Record<string, unknown>;
    if (typeof json !== 'object' || json === null || raw.type !== 'minmax' || !Array.isArray(raw.dataMin))
      throw new ModelFormatError(`${where}: expected {type: "minmax", dataMin, dataMax} of equal lengths`);
    const n = raw.dataMin.length;
    const featureNames = readFeatureNames(where, raw, n);
    const range = { min: raw.min ?? 0, max: raw.max ?? 1 };
    if (typeof range.min !== 'number' || typeof range.max !== 'number')
      throw new ModelFormatError(`${where}: min and max must be numbers, got ${JSON.stringify(range)}`);
    if (!Number.isSafeInteger(raw.samplesSeen) || (raw.samplesSeen as number) <= 0)
      throw new ModelFormatError(
        `${where}: samplesSeen is ${JSON.stringify(raw.samplesSeen)}; expected an integer > 0`,
      );
    let s: MinMaxScaler;
    try {
      s = new MinMaxScaler({ min: range.min, max: range.max, featureNames: featureNames ?? undefined });
    } catch (error) {
      throw new ModelFormatError(`${where}: ${(error as Error).message}`);
    }
    s.lo = readStatArray(where, raw, 'dataMin', n, featureNames);
    s.hi = readStatArray(where, raw, 'dataMax', n, featureNames);
    const inverted = s.lo.findIndex((l, j) => l > s.hi![j]);
    if (inverted >= 0)
      throw new ModelFormatError(
        `${where}: dataMin[${inverted}] (${s.lo[inverted]}) is above dataMax[${inverted}] (${s.hi[inverted]})`,
      );
    s.seen = raw.samplesSeen as number;
    return s;
  }
}

/** (x_max − x_min)/2, computed from the halves so that it stays finite; 1/2 for a constant feature. */
function halfSpan(lo: number, hi: number): number {
  return hi / 2 - lo / 2 || 0.5;
}
