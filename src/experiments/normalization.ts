import { StandardScaler, type Dataset } from '../data/index.js';
import { assertDistinctColumns } from '../data/columns.js';
import { loadDataset } from '../node/datasets.js';
import { ArgumentError } from '../errors.js';
import { Dense, Sequential } from '../nn/index.js';
import { Tensor } from '../tensor/index.js';
import { costGrid, logisticCost, logisticMinimum, type TwoFeatureProblem, weightHessian } from './costSurface.js';
import { bestStableDescent, isStableRun, STABLE_RISE_FACTOR } from './descentPath.js';
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
  /** Grid points per axis of the contour (default 81). */
  gridSize?: number;
  /** Gradient-descent steps of the path drawn on the contours (default 300). */
  pathSteps?: number;
}

export interface LearningRateRun {
  learningRate: number;
  /** Ran to the end, finite throughout, and the cost never rose above `stableRiseFactor` × its lowest so far. */
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

/**
 * The cost over two weights with the bias held at its value at the minimum, on a square grid centred
 * on the minimum, with gradient descent on that same surface and the surface's curvature there.
 */
export interface ContourResult {
  features: [string, string];
  setting: 'raw' | 'standardized';
  /** The minimum of the cost over both weights and the bias. */
  minimum: { w1: number; w2: number; bias: number; cost: number };
  /** ∂²J/∂w² over the two weights at the minimum (exact, from σ(z)(1 − σ(z))·x xᵀ). */
  hessian: number[][];
  /** Its eigenvalues, largest first. */
  eigenvalues: [number, number];
  /** λ_max / λ_min: how elongated the contours are near the minimum (1 = round). */
  conditionNumber: number;
  /** Best stable learning rate of the path (null: no rate of the grid was stable). */
  learningRate: number | null;
  w1: number[];
  w2: number[];
  /** cost[i][j] at (w1[j], w2[i]), the bias at minimum.bias. */
  cost: number[][];
  /** (w₁, w₂) from (0, 0), every step up to 200 then thinned; pathCosts[k] is the cost at path[k]. */
  path: Array<[number, number]>;
  pathCosts: number[];
  /** Gradient-descent steps the path took. */
  pathSteps: number;
}

/**
 * The normalization experiment: raw against standardized inputs, cost curves per learning rate, cost contours and
 * the speed-up.
 */
export interface NormalizationResult {
  dataset: string;
  steps: number;
  target: number;
  learningRates: number[];
  raw: SettingResult;
  standardized: SettingResult;
  /** raw steps-to-target / standardized steps-to-target (a lower bound when raw never reached it). */
  speedup: { factor: number; lowerBound: boolean } | null;
  /** A run is stable when its cost never rises above this factor × its lowest value so far. */
  stableRiseFactor: number;
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
    const stable = history.stopReason === 'completed' && history.message === '' && isStableRun(costs);
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

function twoColumns(data: Dataset, features: [string, string], standardize: boolean): TwoFeatureProblem {
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
  return { x: Float64Array.from(x.data), y: Float64Array.from(data.y.data) };
}

/** Keeps every point up to `dense`, then about `dense` more, evenly spaced, and the last. */
function thin<T>(items: T[], dense: number): Array<[T, number]> {
  const stride = Math.max(1, Math.ceil((items.length - dense) / dense));
  return items
    .map((v, i) => [v, i] as [T, number])
    .filter(([, i]) => i <= dense || i % stride === 0 || i === items.length - 1);
}

function contour(
  data: Dataset,
  features: [string, string],
  standardize: boolean,
  rates: number[],
  pathSteps: number,
  gridSize: number,
): ContourResult {
  const problem = twoColumns(data, features, standardize);
  const min = logisticMinimum(problem);
  const curvature = weightHessian(problem, min);
  const start = { w1: 0, w2: 0, b: min.b };
  const best = bestStableDescent(problem, start, rates, pathSteps);
  const path = best?.path ?? [[0, 0]];
  // Square window centred on the minimum that holds the whole path (start included), plus a margin.
  const reach = Math.max(...path.map(([a, b]) => Math.max(Math.abs(a - min.w1), Math.abs(b - min.w2))));
  const grid = costGrid(problem, min, 1.15 * Math.max(reach, 1e-6), gridSize);
  const kept = thin(path, 200);
  return {
    features,
    setting: standardize ? 'standardized' : 'raw',
    minimum: { w1: min.w1, w2: min.w2, bias: min.b, cost: logisticCost(problem, min) },
    ...curvature,
    learningRate: best?.learningRate ?? null,
    ...grid,
    path: kept.map(([p]) => p),
    pathCosts: kept.map(([, i]) => best?.costs[i] ?? logisticCost(problem, start)),
    pathSteps: best ? pathSteps : 0,
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
  // The contour features are checked before the sweeps, so a wrong or repeated name costs no run.
  if (options.contourFeatures) {
    assertDistinctColumns(options.contourFeatures, 'normalization: contourFeatures');
    twoColumns(data, options.contourFeatures, false);
  }
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
  const gridSize = options.gridSize ?? 81;
  const pathSteps = options.pathSteps ?? 300;
  const contours = features
    ? [
        contour(data, features, false, rates, pathSteps, gridSize),
        contour(data, features, true, rates, pathSteps, gridSize),
      ]
    : null;
  return {
    dataset: data.name,
    steps,
    target,
    learningRates: rates,
    raw,
    standardized,
    speedup,
    stableRiseFactor: STABLE_RISE_FACTOR,
    contours,
  };
}

/**
 * Two features for the contour picture. On breast_cancer, mean_radius (14 ± 3.5) and perimeter_error
 * (2.9 ± 2.0): raw, their weight surface has κ ≈ 270, an ellipse that still fits a readable picture
 * (mean_smoothness, 0.096 ± 0.014, gives κ ≈ 4·10⁵, a line); standardized, κ ≈ 1.2, nearly round.
 */
export function defaultContourFeatures(data: Dataset): [string, string] {
  if (data.featureNames.includes('mean_radius') && data.featureNames.includes('perimeter_error'))
    return ['mean_radius', 'perimeter_error'];
  return [data.featureNames[0], data.featureNames[1]];
}
