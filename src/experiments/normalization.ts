import { StandardScaler, type Dataset } from '../data/index.js';
import { loadDataset } from '../node/index.js';
import { ArgumentError } from '../errors.js';
import { Dense, Sequential } from '../nn/index.js';
import { Tensor } from '../tensor/index.js';
import { fullBatchDescent } from './gradientDescent.js';

export interface NormalizationOptions {
  data?: string;
  /** Gradient-descent steps per learning rate (default 5,000). */
  steps?: number;
  /** Cost to reach (default 0.1). */
  target?: number;
  learningRates?: number[];
  /** Two feature names: also compute cost contours and the descent path over their two weights. */
  contourFeatures?: [string, string] | null;
  /** Grid points per axis of the contour (default 41). */
  gridSize?: number;
}

export interface LearningRateRun {
  learningRate: number;
  /** Finite throughout and ending below the starting cost. */
  stable: boolean;
  finalCost: number;
  minCost: number;
  /** Steps until the cost first fell below the target, or null. */
  stepsToTarget: number | null;
}

export interface SettingResult {
  runs: LearningRateRun[];
  best: LearningRateRun | null;
  /** Cost per step of the best run (every step up to 500, then every 10th). */
  bestHistory: Array<[number, number]>;
}

export interface ContourResult {
  features: [string, string];
  setting: 'raw' | 'standardized';
  learningRate: number;
  w1: number[];
  w2: number[];
  /** cost[i][j] at (w1[j], w2[i]), with the bias at its final value. */
  cost: number[][];
  path: Array<[number, number]>;
}

/** The normalization experiment: raw against standardized inputs, cost curves per learning rate, cost contours and the speed-up. */
export interface NormalizationResult {
  dataset: string;
  steps: number;
  target: number;
  learningRates: number[];
  raw: SettingResult;
  standardized: SettingResult;
  /** raw steps-to-target / standardized steps-to-target (a lower bound when raw never reached it). */
  speedup: { factor: number; lowerBound: boolean } | null;
  contours: ContourResult[] | null;
}

export const DEFAULT_LEARNING_RATES = [
  1e-7, 3e-7, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10,
];

/**
 * Logistic regression (one sigmoid unit, zero init) trained by plain full-batch gradient descent.
 * A run whose cost climbs above 10× its start is cut short: that rate is unstable.
 */
function descend(x: Tensor, y: Tensor, learningRate: number, steps: number, onStep?: (model: Sequential) => void) {
  const model = new Sequential([new Dense(1, { activation: 'sigmoid', init: 'zeros' })], { inputSize: x.shape[1] });
  const history = fullBatchDescent(model, x, y, learningRate, steps, [
    {
      onStepEnd(context, { cost }) {
        onStep?.(context.model);
        if (cost > 10 * Math.LN2) context.stop('diverged', `the cost ${cost} rose above 10× its start`);
      },
    },
  ]);
  return { model, history };
}

function sweep(x: Tensor, y: Tensor, rates: number[], steps: number, target: number): SettingResult {
  const runs: LearningRateRun[] = [];
  let best: { run: LearningRateRun; costs: number[] } | null = null;
  for (const learningRate of rates) {
    const { history } = descend(x, y, learningRate, steps);
    const finished = history.epochs.at(-1);
    const costs = finished ? [...history.steps, finished.loss] : history.steps;
    const finalCost = costs[costs.length - 1];
    const stable =
      history.stopReason === 'completed' &&
      history.message === '' &&
      costs.every(Number.isFinite) &&
      finalCost < costs[0];
    const hit = costs.findIndex((c) => c < target);
    const run: LearningRateRun = {
      learningRate,
      stable,
      finalCost,
      minCost: Math.min(...costs),
      stepsToTarget: hit === -1 ? null : hit,
    };
    runs.push(run);
    if (stable && (!best || finalCost < best.run.finalCost)) best = { run, costs };
  }
  const bestHistory: Array<[number, number]> = [];
  best?.costs.forEach((c, i) => {
    if (i <= 500 || i % 10 === 0 || i === best!.costs.length - 1) bestHistory.push([i, c]);
  });
  return { runs, best: best?.run ?? null, bestHistory };
}

function fastest(setting: SettingResult): LearningRateRun | null {
  return (
    setting.runs
      .filter((r) => r.stable && r.stepsToTarget !== null)
      .sort((a, b) => a.stepsToTarget! - b.stepsToTarget!)[0] ?? null
  );
}

function contour(
  data: Dataset,
  features: [string, string],
  standardize: boolean,
  rates: number[],
  steps: number,
  gridSize: number,
): ContourResult {
  const cols = features.map((f) => {
    const i = data.featureNames.indexOf(f);
    if (i === -1)
      throw new ArgumentError(
        `normalization: no feature '${f}' in ${data.name} (features: ${data.featureNames.join(', ')})`,
      );
    return i;
  });
  const m = data.x.shape[0];
  const n = data.x.shape[1];
  const pair = new Float64Array(m * 2);
  for (let r = 0; r < m; r++) for (let k = 0; k < 2; k++) pair[r * 2 + k] = data.x.data[r * n + cols[k]];
  let x = new Tensor(pair, [m, 2]);
  if (standardize) x = new StandardScaler({ onConstantFeatures: () => {} }).fitTransform(x);
  const sweepResult = sweep(x, data.y, rates, Math.min(steps, 2000), 0);
  const learningRate = sweepResult.best?.learningRate ?? rates[0];
  const path: Array<[number, number]> = [[0, 0]];
  const { model } = descend(x, data.y, learningRate, Math.min(steps, 2000), (mdl) => {
    const w = mdl.getParameter('0.weight').data;
    path.push([w[0], w[1]]);
  });
  const bias = model.getParameter('0.bias').data[0];
  const xs = path.map((p) => p[0]);
  const ys = path.map((p) => p[1]);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const half = 0.65 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-9);
  const axis = (c: number) => Array.from({ length: gridSize }, (_, i) => c - half + (2 * half * i) / (gridSize - 1));
  const w1 = axis(cx);
  const w2 = axis(cy);
  const cost = w2.map((b2) =>
    w1.map((b1) => {
      let total = 0;
      for (let r = 0; r < m; r++) {
        const z = b1 * x.data[r * 2] + b2 * x.data[r * 2 + 1] + bias;
        total += Math.max(z, 0) - z * data.y.data[r] + Math.log1p(Math.exp(-Math.abs(z)));
      }
      return total / m;
    }),
  );
  const stride = Math.max(1, Math.floor(path.length / 200));
  return {
    features,
    setting: standardize ? 'standardized' : 'raw',
    learningRate,
    w1,
    w2,
    cost,
    path: path.filter((_, i) => i % stride === 0 || i === path.length - 1),
  };
}

/**
 * The mission's first claim, measured: logistic regression by plain gradient descent on raw and on
 * standardized features, over a grid of learning rates; the best stable rate of each and the steps
 * it takes to reach the target cost. Optionally, cost contours with the descent path for two features.
 */
export function runNormalizationExperiment(options: NormalizationOptions = {}): NormalizationResult {
  const data = loadDataset(options.data ?? 'breast_cancer');
  if (data.classes?.length !== 2)
    throw new ArgumentError(
      `normalization experiment: needs a binary dataset, ${data.name} has ${data.classes?.length ?? 'no'} classes`,
    );
  const steps = options.steps ?? 5000;
  const target = options.target ?? 0.1;
  const rates = options.learningRates ?? DEFAULT_LEARNING_RATES;
  const standardizedX = new StandardScaler({ onConstantFeatures: () => {} }).fitTransform(data.x);
  const raw = sweep(data.x, data.y, rates, steps, target);
  const standardized = sweep(standardizedX, data.y, rates, steps, target);
  const fastRaw = fastest(raw);
  const fastStd = fastest(standardized);
  let speedup: NormalizationResult['speedup'] = null;
  if (fastStd) {
    const denominator = Math.max(1, fastStd.stepsToTarget!);
    speedup = fastRaw
      ? { factor: fastRaw.stepsToTarget! / denominator, lowerBound: false }
      : { factor: steps / denominator, lowerBound: true };
  }
  const features = options.contourFeatures;
  const gridSize = options.gridSize ?? 41;
  const contours = features
    ? [contour(data, features, false, rates, steps, gridSize), contour(data, features, true, rates, steps, gridSize)]
    : null;
  return { dataset: data.name, steps, target, learningRates: rates, raw, standardized, speedup, contours };
}

/** Two features with very different scales, for the contour picture. */
export function defaultContourFeatures(data: Dataset): [string, string] {
  if (data.featureNames.includes('mean_radius') && data.featureNames.includes('mean_smoothness'))
    return ['mean_radius', 'mean_smoothness'];
  return [data.featureNames[0], data.featureNames[1]];
}
