import { circles } from '../data/index.js';
import type { InitializerSpec } from '../init/index.js';
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

export interface CompareInitResult {
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
  const steps = options.steps ?? 15_000;
  const learningRate = options.learningRate ?? 0.01;
  const seed = options.seed ?? 1;
  const noise = options.noise ?? 0.05;
  const train = circles({ n: options.trainSize ?? 300, noise, seed });
  const test = circles({ n: options.testSize ?? 100, noise, seed: seed + 1 });
  const cells = options.grid ?? 50;
  const axis = Array.from({ length: cells }, (_, i) => -1.5 + (3 * i) / (cells - 1));
  const gridX = new Tensor(new Float64Array(cells * cells * 2), [cells * cells, 2]);
  axis.forEach((b, r) =>
    axis.forEach((a, c) => {
      gridX.data[(r * cells + c) * 2] = a;
      gridX.data[(r * cells + c) * 2 + 1] = b;
    }),
  );
  const schemes = (options.inits ?? Object.keys(COURSE_INITS)).map((key): CompareInitScheme => {
    const { label, init } = COURSE_INITS[key] ?? { label: key, init: key };
    const model = new Sequential(
      [new Dense(10, { activation: 'relu', init }), new Dense(5, { activation: 'relu', init }), new Dense(1, { activation: 'sigmoid', init })],
      { inputSize: 2, seed },
    );
    const history = fullBatchDescent(model, train.x, train.y, learningRate, steps, (info) => void (info.step % 500 === 0 && options.onStep?.(key, info.step)));
    const costs: Array<[number, number]> = history.steps.flatMap((c, i) => (i % 100 === 0 || i === history.steps.length - 1 ? [[i, c] as [number, number]] : []));
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
      boundary: { x0: axis, x1: axis, probability },
      diverged: history.stopReason === 'diverged',
    };
  });
  const points = (t: Tensor) => Array.from({ length: t.shape[0] }, (_, i) => [t.data[2 * i], t.data[2 * i + 1]]);
  return {
    steps,
    learningRate,
    layers: [2, 10, 5, 1],
    train: { x: points(train.x), y: Array.from(train.y.data) },
    test: { x: points(test.x), y: Array.from(test.y.data) },
    schemes,
  };
}
