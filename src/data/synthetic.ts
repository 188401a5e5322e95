import { ArgumentError } from '../errors.js';
import { type Generator, toGenerator, type Seed } from '../random/index.js';
import { Tensor, type DType } from '../tensor/index.js';
import type { Dataset } from './dataset.js';

export interface SyntheticOptions {
  n?: number;
  /** Standard deviation of Gaussian noise added to each coordinate. */
  noise?: number;
  seed?: Seed;
  dtype?: DType;
  /** Shuffle the rows (default true, as scikit-learn does). */
  shuffle?: boolean;
}

function build(
  name: string,
  points: number[][],
  labels: number[],
  classes: number[],
  gen: Generator,
  options: SyntheticOptions,
): Dataset {
  const m = points.length;
  const n = points[0]?.length ?? 0;
  const order = options.shuffle === false ? Int32Array.from({ length: m }, (_, i) => i) : gen.permutation(m);
  const dtype = options.dtype ?? 'float64';
  const x = Tensor.empty(dtype, [m, n]);
  const y = Tensor.empty(dtype, [m]);
  const noise = options.noise ?? 0;
  for (let r = 0; r < m; r++) {
    const src = order[r];
    for (let c = 0; c < n; c++) x.data[r * n + c] = points[src][c] + (noise ? noise * gen.normal() : 0);
    y.data[r] = labels[src];
  }
  return { name, x, y, featureNames: Array.from({ length: n }, (_, i) => `x${i + 1}`), classes };
}

function count(options: SyntheticOptions, fallback: number): number {
  const n = options.n ?? fallback;
  if (!Number.isInteger(n) || n < 2) throw new ArgumentError(`synthetic data: n must be an integer ≥ 2, got ${n}`);
  return n;
}

/** Two concentric circles (like scikit-learn's make_circles): outer class 0, inner class 1 at radius `factor`. */
export function circles(options: SyntheticOptions & { factor?: number } = {}): Dataset {
  const n = count(options, 300);
  const factor = options.factor ?? 0.8;
  if (!(factor > 0 && factor < 1)) throw new ArgumentError(`circles: factor must be in (0, 1), got ${factor}`);
  const gen = toGenerator(options.seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < nOut; i++) {
    const t = (2 * Math.PI * i) / nOut;
    points.push([Math.cos(t), Math.sin(t)]);
    labels.push(0);
  }
  for (let i = 0; i < nIn; i++) {
    const t = (2 * Math.PI * i) / nIn;
    points.push([factor * Math.cos(t), factor * Math.sin(t)]);
    labels.push(1);
  }
  return build('circles', points, labels, [0, 1], gen, options);
}

/** Two interleaving half circles (like scikit-learn's make_moons). */
export function moons(options: SyntheticOptions = {}): Dataset {
  const n = count(options, 300);
  const gen = toGenerator(options.seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < nOut; i++) {
    const t = (Math.PI * i) / Math.max(1, nOut - 1);
    points.push([Math.cos(t), Math.sin(t)]);
    labels.push(0);
  }
  for (let i = 0; i < nIn; i++) {
    const t = (Math.PI * i) / Math.max(1, nIn - 1);
    points.push([1 - Math.cos(t), 1 - Math.sin(t) - 0.5]);
    labels.push(1);
  }
  return build('moons', points, labels, [0, 1], gen, options);
}

/** Two interleaved spirals of 1.75 turns (as in TensorFlow Playground). */
export function spirals(options: SyntheticOptions = {}): Dataset {
  const n = count(options, 300);
  const gen = toGenerator(options.seed);
  const half = Math.floor(n / 2);
  const points: number[][] = [];
  const labels: number[] = [];
  for (let cls = 0; cls < 2; cls++) {
    const size = cls === 0 ? half : n - half;
    for (let i = 0; i < size; i++) {
      const r = i / size;
      const t = 1.75 * r * 2 * Math.PI + cls * Math.PI;
      points.push([r * Math.sin(t), r * Math.cos(t)]);
      labels.push(cls);
    }
  }
  return build('spirals', points, labels, [0, 1], gen, options);
}

/** Points uniform in [−1, 1]², class 1 where x₁·x₂ > 0 (the XOR pattern). */
export function xor(options: SyntheticOptions = {}): Dataset {
  const n = count(options, 300);
  const gen = toGenerator(options.seed);
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = [gen.uniformRange(-1, 1), gen.uniformRange(-1, 1)];
    points.push(p);
    labels.push(p[0] * p[1] > 0 ? 1 : 0);
  }
  return build('xor', points, labels, [0, 1], gen, options);
}

/** Gaussian blobs around `centers` seeded centres in [−spread, spread]^features, one class each. */
export function blobs(
  options: SyntheticOptions & { centers?: number; features?: number; std?: number; spread?: number } = {},
): Dataset {
  const n = count(options, 300);
  const k = options.centers ?? 3;
  const d = options.features ?? 2;
  const std = options.std ?? 1;
  const spread = options.spread ?? 10;
  const gen = toGenerator(options.seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => gen.uniformRange(-spread, spread)));
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    points.push(centres[c].map((v) => v + std * gen.normal()));
    labels.push(c);
  }
  return build(
    'blobs',
    points,
    labels,
    Array.from({ length: k }, (_, i) => i),
    gen,
    options,
  );
}

/**
 * A regression set whose features live on very different scales (1e-3 … 1e3 by default):
 * y = Σ_j w_j·x_j/scale_j + noise, with x_j = scale_j·N(0, 1). Unnormalized, gradient descent crawls.
 */
export function scaledRegression(options: SyntheticOptions & { scales?: number[] } = {}): Dataset {
  const n = count(options, 300);
  const scales = options.scales ?? [1e-3, 1e-1, 1, 1e2, 1e3];
  const gen = toGenerator(options.seed);
  const weights = scales.map(() => gen.uniformRange(-2, 2));
  const points: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = scales.map(() => gen.normal());
    points.push(z.map((v, j) => v * scales[j]));
    targets.push(z.reduce((s, v, j) => s + weights[j] * v, 0) + (options.noise ?? 0.1) * gen.normal());
  }
  const dataset = build('scaledRegression', points, targets, [], gen, { ...options, noise: 0 });
  return {
    ...dataset,
    y: new Tensor(dataset.y.data, [n, 1]),
    classes: null,
    featureNames: scales.map((s) => `x_scale_${s}`),
  };
}

export const SYNTHETIC = { circles, moons, spirals, xor, blobs, scaledRegression } as const;
export type SyntheticName = keyof typeof SYNTHETIC;
