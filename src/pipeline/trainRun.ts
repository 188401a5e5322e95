import { splitDataset, taskOf, type Dataset } from '../data/index.js';
import { loadDataset } from '../node/index.js';
import { buildMlp, type LossName } from '../nn/index.js';
import { astype } from '../ops/index.js';
import type { DType } from '../tensor/index.js';
import { fit, type History } from '../train/index.js';
import { createScaler, evaluateTrained, prepareInputs, type NormalizeMode, type TrainedModel } from './trainedModel.js';

/** Everything `gradlab train` takes: data, architecture, objective, optimizer, normalization, validation split, seed. */
export interface TrainRunOptions {
  /** Bundled or synthetic dataset name, or a CSV path. */
  data: string;
  label?: string;
  features?: string[];
  layers: number[];
  activation?: string;
  init?: string;
  /** Default from the labels: binaryCrossEntropy, softmaxCrossEntropy or meanSquaredError. */
  loss?: LossName | string;
  l2?: number;
  dropout?: number;
  optimizer?: string;
  learningRate?: number;
  epochs?: number;
  batchSize?: number;
  seed?: number;
  dtype?: DType;
  normalize?: NormalizeMode;
  /** Fraction of rows held out for validation (default 0.2; 0 = none). */
  validationSplit?: number;
  quiet?: boolean;
  progress?: boolean;
}

export interface TrainRunResult {
  dataset: string;
  rows: { train: number; validation: number };
  loss: string;
  parameters: number;
  normalize: NormalizeMode;
  train: { objective: number; dataLoss: number; accuracy: number | null };
  validation: { objective: number; dataLoss: number; accuracy: number | null } | null;
  epochs: number;
  steps: number;
  stopReason: History['stopReason'];
  message: string;
  history: History;
}

export function defaultLoss(data: Dataset): LossName {
  const task = taskOf(data);
  return task === 'binary' ? 'binaryCrossEntropy' : task === 'multiclass' ? 'softmaxCrossEntropy' : 'meanSquaredError';
}

/**
 * Loads data, holds out a stratified validation split, fits the scaler on the training rows only,
 * applies those same statistics to the validation rows, builds the MLP and trains it.
 */
export function runTraining(options: TrainRunOptions): { result: TrainRunResult; trained: TrainedModel } {
  const dtype = options.dtype ?? 'float64';
  const data = loadDataset(options.data, { label: options.label, features: options.features, seed: options.seed });
  const loss = (options.loss as LossName | undefined) ?? defaultLoss(data);
  const holdout = options.validationSplit ?? 0.2;
  const { train, test: validation } =
    holdout > 0 ? splitDataset(data, { testSize: holdout, seed: options.seed ?? 0 }) : { train: data, test: null };
  const normalize = options.normalize ?? 'standard';
  const scaler = createScaler(normalize, data.featureNames);
  scaler?.fit(train.x);
  const classes = data.classes;
  const outputs = classes ? classes.length : (data.y.shape[1] ?? 1);
  const model = buildMlp({
    inputSize: data.x.shape[1],
    hidden: options.layers,
    outputs,
    loss,
    activation: options.activation,
    init: options.init,
    dropout: options.dropout,
    dtype,
    seed: options.seed,
  });
  const trained: TrainedModel = { model, scaler, loss: loss as LossName, l2: options.l2 ?? 0, classes };
  const history = fit(model, prepareInputs(trained, train.x), astype(train.y, dtype), {
    loss,
    optimizer: options.optimizer ?? 'adam',
    learningRate: options.learningRate ?? 0.001,
    epochs: options.epochs ?? 100,
    batchSize: options.batchSize ?? 64,
    l2: options.l2,
    seed: options.seed,
    validation: validation ? { x: prepareInputs(trained, validation.x), y: astype(validation.y, dtype) } : undefined,
    quiet: options.quiet,
    progress: options.progress,
  });
  const pick = (e: { objective: number; dataLoss: number; accuracy: number | null }) => ({
    objective: e.objective,
    dataLoss: e.dataLoss,
    accuracy: e.accuracy,
  });
  return {
    trained,
    result: {
      dataset: data.name,
      rows: { train: train.x.shape[0], validation: validation?.x.shape[0] ?? 0 },
      loss,
      parameters: model.parameterCount(),
      normalize,
      train: pick(evaluateTrained(trained, train)),
      validation: validation ? pick(evaluateTrained(trained, validation)) : null,
      epochs: history.epochs.length,
      steps: history.steps.length,
      stopReason: history.stopReason,
      message: history.message,
      history,
    },
  };
}
