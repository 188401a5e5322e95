import { isSyntheticDataset, splitDataset, type Dataset } from '../data/index.js';
import { loadDataset } from '../node/datasets.js';
import { ArgumentError } from '../errors.js';
import { INITIALIZER_NAMES, type InitializerSpec } from '../init/index.js';
import { Dense, Sequential } from '../nn/index.js';
import { noGrad } from '../autograd/index.js';
import { Tensor } from '../tensor/index.js';
import { evaluate } from '../train/index.js';
import { fullBatchDescent } from './gradientDescent.js';

/** The course's five initializations: all zeros, randn·10, He, Xavier/Glorot, LeCun (biases 0). */
export const COURSE_INITS: Record<string, { label: string; init: string | InitializerSpec }> = {
  zeros: { label: 'zeros', init: 'zeros' },
  large: { label: 'randn·10', init: { name: 'randomNormal', config: { mean: 0, std: 10 } } },
  he: { label: 'He', init: 'heNormal' },
  xavier: { label: 'Xavier/Glorot', init: 'glorotNormal' },
  lecun: { label: 'LeCun', init: 'lecunNormal' },
};

export interface CompareInitOptions {
  /** A 2-feature binary dataset: circles (default), moons, spirals, xor, or a CSV path (split 75/25). */
  data?: string;
  steps?: number;
  learningRate?: number;
  inits?: string[];
  trainSize?: number;
  testSize?: number;
  noise?: number;
  seed?: number;
  /** Cells per side of the decision-boundary grid (default 50). */
  grid?: number;
  onStep?: (init: string, step: number) => void;
}

export interface CompareInitScheme {
  key: string;
  label: string;
  /** [step, cost] every 100 steps (and the last). */
  costs: Array<[number, number]>;
  trainAccuracy: number;
  testAccuracy: number;
  finalCost: number;
  /** P(class 1) on a grid over the input plane, row-major from (x0[0], x1[0]). */
  boundary: { x0: number[]; x1: number[]; probability: number[] };
  diverged: boolean;
}

/** The initialization experiment: each scheme's cost curve, accuracies and decision boundary on one dataset. */
export interface CompareInitResult {
  data: string;
  steps: number;
  learningRate: number;
  layers: number[];
  train: { x: number[][]; y: number[] };
  test: { x: number[][]; y: number[] };
  schemes: CompareInitScheme[];
}

/**
 * The course's initialization experiment: a 3-layer ReLU network [2, 10, 5, 1] on two noisy circles
 * (300 train / 100 test), trained by full-batch gradient descent (15,000 steps, lr 0.01) from each
 * initialization. The course reports zeros 50%/50%, randn·10 83%/86%, He 99.3%/96%.
 */
export function runCompareInit(options: CompareInitOptions = {}): CompareInitResult {
  const keys = options.inits ?? Object.keys(COURSE_INITS);
  // Every name is checked before any training, so a typo in the last one costs no run of the others.
  // Object.hasOwn, not `in`: 'toString' would otherwise find Object's own member and train with no init.
  const unknown = keys.find((key) => !Object.hasOwn(COURSE_INITS, key) && !INITIALIZER_NAMES.includes(key));
  if (unknown !== undefined)
    throw new ArgumentError(
      `compare-init: unknown initialization '${unknown}' (known: ${Object.keys(COURSE_INITS).join(', ')}, ` +
        `or an initializer: ${INITIALIZER_NAMES.join(', ')})`,
    );
  const steps = options.steps ?? 15_000;
  const learningRate = options.learningRate ?? 0.01;
  const seed = options.seed ?? 1;
  const noise = options.noise ?? 0.05;
  const { train, test } = twoFeatureData(
    options.data ?? 'circles',
    options.trainSize ?? 300,
    options.testSize ?? 100,
    noise,
    seed,
  );
  const cells = options.grid ?? 50;
  // The plane the decision boundary is drawn over: the training points' range with a 10% margin.
  const range = (k: number) => {
    const v = Array.from({ length: train.x.shape[0] }, (_, i) => train.x.data[2 * i + k]);
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return [lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo)];
  };
  const [lo0, hi0] = range(0);
  const [lo1, hi1] = range(1);
  const axis0 = Array.from({ length: cells }, (_, i) => lo0 + ((hi0 - lo0) * i) / (cells - 1));
  const axis1 = Array.from({ length: cells }, (_, i) => lo1 + ((hi1 - lo1) * i) / (cells - 1));
  const gridX = new Tensor(new Float64Array(cells * cells * 2), [cells * cells, 2]);
  axis1.forEach((b, r) =>
    axis0.forEach((a, c) => {
      gridX.data[(r * cells + c) * 2] = a;
      gridX.data[(r * cells + c) * 2 + 1] = b;
    }),
  );
  const schemes = keys.map((key): CompareInitScheme => {
    const { label, init } = Object.hasOwn(COURSE_INITS, key) ? COURSE_INITS[key] : { label: key, init: key };
    const model = new Sequential(
      [
        new Dense(10, { activation: 'relu', init }),
        new Dense(5, { activation: 'relu', init }),
        new Dense(1, { activation: 'sigmoid', init }),
      ],
      { inputSize: 2, seed },
    );
    const history = fullBatchDescent(model, train.x, train.y, learningRate, steps, [
      { onStepEnd: (_context, { step }) => void (step % 500 === 0 && options.onStep?.(key, step)) },
    ]);
    const costs: Array<[number, number]> = history.steps.flatMap((c, i) =>
      i % 100 === 0 || i === history.steps.length - 1 ? [[i, c] as [number, number]] : [],
    );
    const trainEval = evaluate(model, train.x, train.y, { loss: 'binaryCrossEntropy' });
    const testEval = evaluate(model, test.x, test.y, { loss: 'binaryCrossEntropy' });
    const probability = Array.from(noGrad(() => model.predict(gridX)).data);
    return {
      key,
      label,
      costs,
      trainAccuracy: trainEval.accuracy ?? 0,
      testAccuracy: testEval.accuracy ?? 0,
      finalCost: trainEval.objective,
      boundary: { x0: axis0, x1: axis1, probability },
      diverged: history.stopReason === 'diverged',
    };
  });
  const points = (t: Tensor) => Array.from({ length: t.shape[0] }, (_, i) => [t.data[2 * i], t.data[2 * i + 1]]);
  return {
    data: options.data ?? 'circles',
    steps,
    learningRate,
    layers: [2, 10, 5, 1],
    train: { x: points(train.x), y: Array.from(train.y.data) },
    test: { x: points(test.x), y: Array.from(test.y.data) },
    schemes,
  };
}

/** Train and test sets with two features and two classes, from a generator or a CSV. */
function twoFeatureData(
  data: string,
  trainSize: number,
  testSize: number,
  noise: number,
  seed: number,
): { train: Dataset; test: Dataset } {
  let train: Dataset;
  let test: Dataset;
  if (isSyntheticDataset(data)) {
    train = loadDataset(data, { n: trainSize, noise, seed });
    test = loadDataset(data, { n: testSize, noise, seed: seed + 1 });
  } else {
    ({ train, test } = splitDataset(loadDataset(data), { testSize: 0.25, seed }));
  }
  if (train.x.shape[1] !== 2 || train.classes?.length !== 2) {
    throw new ArgumentError(
      'compare-init: needs 2 features and 2 classes (to draw decision boundaries), ' +
        `${data} has ${train.x.shape[1]} features and ${train.classes?.length ?? 'no'} classes`,
    );
  }
  return { train, test };
}
