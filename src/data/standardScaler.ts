import { DataError, ModelFormatError } from '../errors.js';
import type { Tensor } from '../tensor/index.js';
import { assertFinite, mapColumns, toMatrix, type Matrix, type MatrixLike } from './matrix.js';
import { assertSerializable, readFeatureNames, readFlag, readStatArray } from './scalerChecks.js';

interface Stats {
  counts: Float64Array;
  means: Float64Array;
  m2: Float64Array;
}

/** Whether to center and scale, the feature names used in messages, and what to do about constant features. */
export interface StandardScalerOptions {
  /** Subtract the mean (default true). */
  withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
  /** Skip NaN cells when fitting (per-feature counts), as scikit-learn does; transform keeps them NaN. */
  ignoreNaN?: boolean;
  featureNames?: string[];
  /** Called with the names of zero-variance features, which get scale 1 (default: a console warning). */
  onConstantFeatures?: (names: string[]) => void;
}

export interface StandardScalerJSON {
  type: 'standard';
  withMean: boolean;
  withStd: boolean;
  featureNames: string[] | null;
  counts: number[];
  mean: number[];
  /** Sum of squared deviations per feature (M2); variance = m2 / count. */
  m2: number[];
}

/**
 * Standardization z = (x − μ) / σ with μ and σ (population, ddof = 0) fitted on the training set only,
 * then applied unchanged to validation, test and production data. Zero-variance features get σ = 1.
 * Statistics can be fitted in chunks (`partialFit`) and merged (`merge`) with Chan et al.'s formulas.
 */
export class StandardScaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  readonly ignoreNaN: boolean;
  private featureNames: string[] | null;
  private readonly onConstant: (names: string[]) => void;
  private counts: Float64Array | null = null;
  private means: Float64Array | null = null;
  private m2: Float64Array | null = null;
  private warned = new Set<number>();

  constructor(options: StandardScalerOptions = {}) {
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
    this.ignoreNaN = options.ignoreNaN ?? false;
    this.featureNames = options.featureNames ?? null;
    this.onConstant =
      options.onConstantFeatures ??
      ((names) => console.warn(`gradlab: zero-variance features get scale 1: ${names.join(', ')}`));
  }

  get fitted(): boolean {
    return this.means !== null;
  }

  private require(what: string): { counts: Float64Array; means: Float64Array; m2: Float64Array } {
    if (!this.means || !this.counts || !this.m2)
      throw new DataError(`StandardScaler.${what}: the scaler is not fitted; call fit() on the training data first`);
    return { counts: this.counts, means: this.means, m2: this.m2 };
  }

  get nFeatures(): number {
    return this.means?.length ?? 0;
  }

  /** Rows seen so far (the largest per-feature count when NaN cells were skipped). */
  get samplesSeen(): number {
    return this.counts ? Math.max(0, ...this.counts) : 0;
  }

  get mean(): readonly number[] {
    return Array.from(this.require('mean').means);
  }

  /** Population variance per feature. */
  get variance(): readonly number[] {
    const { counts, m2 } = this.require('variance');
    return Array.from(m2, (v, j) => (counts[j] > 0 ? v / counts[j] : 0));
  }

  /** σ per feature, 1 where the feature is constant (or withStd is off). */
  get scale(): readonly number[] {
    const { counts, means } = this.require('scale');
    const variance = this.variance;
    return variance.map((v, j) => (!this.withStd || isConstant(v, means[j], counts[j]) ? 1 : Math.sqrt(v)));
  }

  /** Fits from scratch on the training data. */
  fit(x: MatrixLike): this {
    this.counts = this.means = this.m2 = null;
    this.warned.clear();
    return this.partialFit(x);
  }

  /** Updates the statistics with one more chunk of rows (streaming). */
  partialFit(x: MatrixLike): this {
    const m = toMatrix('StandardScaler.fit', x);
    assertFinite('StandardScaler.fit', m, this.featureNames ?? undefined, this.ignoreNaN);
    if (this.means && m.cols !== this.means.length) {
      throw new DataError(
        `StandardScaler.partialFit: the scaler was fitted on ${this.means.length} features, this chunk has ${m.cols}`,
      );
    }
    const chunk = chunkStats(m);
    this.commit(this.merged(chunk), 'partialFit', chunk.maxAbs);
    this.warnConstant();
    return this;
  }

  /** Combines another scaler's statistics (fitted on other rows) into this one. */
  merge(other: StandardScaler): this {
    const o = other.require('merge');
    if (this.means && o.means.length !== this.means.length) {
      throw new DataError(`StandardScaler.merge: ${this.means.length} features vs ${o.means.length}`);
    }
    this.commit(this.merged({ counts: o.counts.slice(), means: o.means.slice(), m2: o.m2.slice() }), 'merge');
    return this;
  }

  // Chan, Golub & LeVeque (1979): n = nA + nB, δ = μB − μA, μ = μA + δ·nB/n, M2 = M2A + M2B + δ²·nA·nB/n.
  private merged(b: Stats): Stats {
    if (!this.means || !this.counts || !this.m2) return { counts: b.counts, means: b.means, m2: b.m2 };
    const out = { counts: this.counts.slice(), means: this.means.slice(), m2: this.m2.slice() };
    for (let j = 0; j < out.means.length; j++) {
      const nA = out.counts[j];
      const nB = b.counts[j];
      const n = nA + nB;
      if (nB === 0) continue;
      const delta = b.means[j] - out.means[j];
      out.means[j] = nA === 0 ? b.means[j] : out.means[j] + (delta * nB) / n;
      out.m2[j] = out.m2[j] + b.m2[j] + (delta * delta * nA * nB) / n;
      out.counts[j] = n;
    }
    return out;
  }

  /**
   * Keeps the new statistics only when every one is finite: a column of ±1e300 has a variance of
   * 1e600, beyond float64's 1.8e308, and used to be written as `m2: null` and passed through unscaled.
   */
  private commit(stats: Stats, what: string, maxAbs?: Float64Array): void {
    for (let j = 0; j < stats.means.length; j++) {
      if (Number.isFinite(stats.means[j]) && Number.isFinite(stats.m2[j])) continue;
      const name = this.featureNames?.[j] ? `'${this.featureNames[j]}'` : String(j);
      const size = maxAbs ? ` reaches ±${maxAbs[j].toExponential(2)}:` : '';
      throw new DataError(
        `StandardScaler.${what}: column ${name}${size} its variance overflows float64 ` +
          '(|x| must stay below about 1e154 to be squared); rescale the column first, or use a min-max scaler',
      );
    }
    this.counts = stats.counts;
    this.means = stats.means;
    this.m2 = stats.m2;
  }

  private warnConstant(): void {
    const { counts, means } = this.require('fit');
    const variance = this.variance;
    const fresh: string[] = [];
    variance.forEach((v, j) => {
      if (isConstant(v, means[j], counts[j]) && !this.warned.has(j)) {
        this.warned.add(j);
        fresh.push(this.featureNames?.[j] ?? `feature ${j}`);
      }
    });
    if (fresh.length && this.withStd) this.onConstant(fresh);
  }

  /** Features whose variance is zero (scale 1). */
  get constantFeatures(): number[] {
    const { counts, means } = this.require('constantFeatures');
    return this.variance.flatMap((v, j) => (isConstant(v, means[j], counts[j]) ? [j] : []));
  }

  private checkInput(where: string, x: MatrixLike): Matrix {
    const { means } = this.require(where);
    const m = toMatrix(`StandardScaler.${where}`, x);
    if (m.cols !== means.length) {
      throw new DataError(
        `StandardScaler.${where}: the scaler was fitted on ${means.length} features, the data has ${m.cols}`,
      );
    }
    assertFinite(`StandardScaler.${where}`, m, this.featureNames ?? undefined, this.ignoreNaN);
    return m;
  }

  /** (x − μ) / σ with the fitted statistics. */
  transform(x: MatrixLike): Tensor {
    const m = this.checkInput('transform', x);
    const mean = this.withMean ? this.require('transform').means : new Float64Array(m.cols);
    const scale = this.scale;
    return mapColumns(m, (v, c) => (v - mean[c]) / scale[c]);
  }

  /** `fit(x)` then `transform(x)`: standardize the rows the statistics were learned from. */
  fitTransform(x: MatrixLike): Tensor {
    return this.fit(x).transform(x);
  }

  /** x = z·σ + μ. */
  inverseTransform(z: MatrixLike): Tensor {
    const m = this.checkInput('inverseTransform', z);
    const mean = this.withMean ? this.require('inverseTransform').means : new Float64Array(m.cols);
    const scale = this.scale;
    return mapColumns(m, (v, c) => v * scale[c] + mean[c]);
  }

  /** The fitted statistics (counts, means, sums of squared deviations) as plain JSON, exact to the bit. */
  toJSON(): StandardScalerJSON {
    const { counts, means, m2 } = this.require('toJSON');
    for (const [field, values] of [
      ['counts', counts],
      ['mean', means],
      ['m2', m2],
    ] as const)
      assertSerializable('StandardScaler.toJSON', field, values, this.featureNames);
    const empty = counts.indexOf(0);
    if (empty >= 0)
      throw new DataError(
        `StandardScaler.toJSON: feature ${this.featureNames?.[empty] ?? empty} has no numeric values`,
      );
    return {
      type: 'standard',
      withMean: this.withMean,
      withStd: this.withStd,
      featureNames: this.featureNames,
      counts: Array.from(counts),
      mean: Array.from(means),
      m2: Array.from(m2),
    };
  }

  /**
   * A scaler from its JSON, refused (ModelFormatError naming field, index and feature) unless every
   * statistic is meaningful: finite means, integer counts > 0, and m2 ≥ 0 (a sum of squares).
   */
  static fromJSON(json: StandardScalerJSON): StandardScaler {
    const where = 'StandardScaler.fromJSON';
    const raw = json as unknown as Record<string, unknown>;
    if (typeof json !== 'object' || json === null || raw.type !== 'standard' || !Array.isArray(raw.mean))
      throw new ModelFormatError(`${where}: expected {type: "standard", counts, mean, m2} of equal lengths`);
    const n = raw.mean.length;
    const featureNames = readFeatureNames(where, raw, n);
    const s = new StandardScaler({
      withMean: readFlag(where, raw, 'withMean', true),
      withStd: readFlag(where, raw, 'withStd', true),
      featureNames: featureNames ?? undefined,
      onConstantFeatures: () => {},
    });
    s.counts = readStatArray(where, raw, 'counts', n, featureNames, { positive: true, integer: true });
    s.means = readStatArray(where, raw, 'mean', n, featureNames);
    s.m2 = readStatArray(where, raw, 'm2', n, featureNames, { nonNegative: true });
    s.constantFeatures.forEach((j) => s.warned.add(j));
    return s;
  }
}

/**
 * scikit-learn's test for a constant feature: a variance within the rounding error of its computation,
 * var ≤ n·ε·var + (n·|μ|·ε)², counts as zero.
 */
function isConstant(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}

/**
 * Count, mean and M2 of one chunk per feature, by two passes (exact for the chunk). Each column is
 * divided by a power of two s ≥ max|x| before summing and squaring, μ = s·Σ(x/s)/n and
 * M2 = s²·Σ((x − μ)/s)²: dividing by a power of two is exact, and the sums stay below 4·n, so a sum
 * cannot overflow where the result itself fits (values of 1e306 in 1,000 rows used to sum to Infinity).
 */
function chunkStats(m: Matrix): Stats & { maxAbs: Float64Array } {
  const counts = new Float64Array(m.cols);
  const means = new Float64Array(m.cols);
  const m2 = new Float64Array(m.cols);
  const maxAbs = new Float64Array(m.cols);
  for (let i = 0; i < m.data.length; i++) {
    const v = Math.abs(m.data[i]);
    if (v > maxAbs[i % m.cols]) maxAbs[i % m.cols] = v;
  }
  const unit = Array.from(maxAbs, (a) => (a > 0 ? 2 ** Math.ceil(Math.log2(a)) : 1));
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) {
      const v = m.data[r * m.cols + c];
      if (Number.isNaN(v)) continue;
      counts[c]++;
      means[c] += v / unit[c];
    }
  }
  for (let c = 0; c < m.cols; c++) means[c] = counts[c] ? means[c] / counts[c] : 0;
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) {
      const v = m.data[r * m.cols + c];
      if (Number.isNaN(v)) continue;
      const d = v / unit[c] - means[c];
      m2[c] += d * d;
    }
  }
  for (let c = 0; c < m.cols; c++) {
    // One factor at a time: unit² alone overflows for |x| ≥ 2^512 even where M2 = 0. A constant column
    // of 1e306 has a scaled M2 of rounding noise only (1e-29 measured), which unscaled overflows: it
    // is what it is, constant, by the same test as everywhere else.
    const scaled = m2[c];
    m2[c] = scaled * unit[c] * unit[c];
    if (!Number.isFinite(m2[c]) && isConstant(scaled / counts[c], means[c], counts[c])) m2[c] = 0;
    means[c] *= unit[c];
  }
  return { counts, means, m2, maxAbs };
}
