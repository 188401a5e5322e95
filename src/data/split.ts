import { ArgumentError } from '../errors.js';
import { gatherRows } from '../ops/index.js';
import { toGenerator, type Seed } from '../random/index.js';
import { Tensor } from '../tensor/index.js';
import type { Dataset } from './dataset.js';

/** How to split a dataset: the test fraction, the seed, and whether to keep class proportions (stratify). */
export interface SplitOptions {
  /** Fraction (0–1) or number of examples for the test set (default 0.25). */
  testSize?: number;
  seed?: Seed;
  /** Keep each class's proportion in both parts (classification labels [m]). */
  stratify?: boolean;
}

export interface Split {
  xTrain: Tensor;
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
  trainIndices: Int32Array;
  testIndices: Int32Array;
}

/** A seeded split of (x, y) into training and test rows, optionally stratified by class. */
export function trainTestSplit(x: Tensor, y: Tensor, options: SplitOptions = {}): Split {
  const m = x.shape[0];
  if (y.shape[0] !== m) throw new ArgumentError(`trainTestSplit: X has ${m} rows but y has ${y.shape[0]}`);
  const size = options.testSize ?? 0.25;
  // A fraction of the rows in (0, 1), or a whole number of rows, as scikit-learn reads it: 1.5 is neither.
  if (!(size > 0 && (size < 1 || Number.isInteger(size))))
    throw new ArgumentError(
      `trainTestSplit: testSize must be a fraction in (0, 1) or a whole number of rows, got ${size}`,
    );
  const nTest = size < 1 ? Math.ceil(size * m) : Math.floor(size);
  if (!(nTest >= 1 && nTest < m))
    throw new ArgumentError(`trainTestSplit: testSize ${size} leaves no training or no test rows of ${m}`);
  const gen = toGenerator(options.seed);
  const test: number[] = [];
  const train: number[] = [];
  if (options.stratify) {
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < m; i++) {
      const c = y.data[i];
      if (!byClass.has(c)) byClass.set(c, []);
      byClass.get(c)!.push(i);
    }
    for (const rows of [...byClass.keys()].sort((a, b) => a - b).map((c) => byClass.get(c)!)) {
      const order = gen.permutation(rows.length);
      const k = Math.round((rows.length * nTest) / m);
      order.forEach((o, j) => (j < k ? test : train).push(rows[o]));
    }
  } else {
    const order = gen.permutation(m);
    order.forEach((o, j) => (j < nTest ? test : train).push(o));
  }
  const trainIndices = Int32Array.from(train.sort((a, b) => a - b));
  const testIndices = Int32Array.from(test.sort((a, b) => a - b));
  return {
    xTrain: gatherRows(x, trainIndices),
    yTrain: gatherRows(y, trainIndices),
    xTest: gatherRows(x, testIndices),
    yTest: gatherRows(y, testIndices),
    trainIndices,
    testIndices,
  };
}

/** Splits a Dataset, keeping its names and classes. */
export function splitDataset(dataset: Dataset, options: SplitOptions = {}): { train: Dataset; test: Dataset } {
  const s = trainTestSplit(dataset.x, dataset.y, { stratify: dataset.classes !== null, ...options });
  return {
    train: { ...dataset, x: s.xTrain, y: s.yTrain },
    test: { ...dataset, x: s.xTest, y: s.yTest },
  };
}

/** Integer class labels [m] as one-hot rows [m, k]. */
export function oneHot(labels: Tensor, k?: number): Tensor {
  const classes = k ?? Math.max(-1, ...Array.from(labels.data)) + 1;
  const out = Tensor.empty(labels.dtype, [labels.size, classes]);
  for (let i = 0; i < labels.size; i++) {
    const c = labels.data[i];
    if (!Number.isInteger(c) || c < 0 || c >= classes)
      throw new ArgumentError(`oneHot: label ${c} at ${i} is not in 0..${classes - 1}`);
    out.data[i * classes + c] = 1;
  }
  return out;
}
