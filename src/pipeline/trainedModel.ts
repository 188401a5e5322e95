import { MinMaxScaler, StandardScaler, scalerFromJSON, type Dataset, type Scaler } from '../data/index.js';
import { ArgumentError } from '../errors.js';
import { parseLoss, type LossName, type Sequential } from '../nn/index.js';
import { loadModel, saveModel } from '../node/modelFiles.js';
import { noGrad } from '../autograd/index.js';
import { astype } from '../ops/index.js';
import type { Tensor } from '../tensor/index.js';
import { evaluate, type Evaluation } from '../train/index.js';

export type NormalizeMode = 'standard' | 'minmax' | 'none';

/** A trained network with what it needs at prediction time: its scaler, loss, L2 and class names. */
export interface TrainedModel {
  model: Sequential;
  scaler: Scaler | null;
  loss: LossName;
  l2: number;
  classes: Array<string | number> | null;
}

export function createScaler(mode: NormalizeMode, featureNames: string[]): Scaler | null {
  if (mode === 'none') return null;
  if (mode === 'minmax') return new MinMaxScaler({ featureNames });
  if (mode === 'standard') return new StandardScaler({ featureNames, onConstantFeatures: () => {} });
  throw new ArgumentError(`unknown normalization '${mode}' (known: standard, minmax, none)`);
}

/** The model's inputs for raw features: the training scaler applied, in the model's dtype. */
export function prepareInputs(trained: TrainedModel, x: Tensor): Tensor {
  const scaled = trained.scaler ? trained.scaler.transform(x) : x;
  return astype(scaled, trained.model.dtype);
}

/** Writes a trained model with its scaler and class names to a model file (atomically). */
export function saveTrainedModel(path: string, trained: TrainedModel, meta?: Record<string, unknown>): void {
  saveModel(path, trained.model, {
    loss: trained.loss,
    l2: trained.l2,
    normalizer: trained.scaler ? trained.scaler.toJSON() : null,
    labels: trained.classes,
    meta,
  });
}

/** Loads a model file and rebuilds its scaler; a corrupt file is refused with ModelFormatError. */
export function loadTrainedModel(path: string): TrainedModel {
  const loaded = loadModel(path);
  return {
    model: loaded.model,
    scaler: loaded.normalizer ? scalerFromJSON(loaded.normalizer) : null,
    loss: parseLoss(loaded.loss ?? 'meanSquaredError'),
    l2: loaded.l2 ?? 0,
    classes: loaded.labels ?? null,
  };
}

/** Data loss, objective and accuracy of a trained model on a dataset of raw features. */
export function evaluateTrained(trained: TrainedModel, data: Dataset): Evaluation & { rows: number } {
  const x = prepareInputs(trained, data.x);
  const y = astype(data.y, trained.model.dtype);
  return { ...evaluate(trained.model, x, y, { loss: trained.loss, l2: trained.l2 }), rows: data.x.shape[0] };
}

/** Per-row predictions: a class name (with its probability) or the regression values. */
export function predictTrained(
  trained: TrainedModel,
  x: Tensor,
): Array<{ prediction: string | number; probability?: number; values?: number[] }> {
  const out = noGrad(() => trained.model.predict(prepareInputs(trained, x)));
  const [m, k] = out.shape;
  const rows = [];
  for (let i = 0; i < m; i++) {
    const row = Array.from(out.data.subarray(i * k, (i + 1) * k));
    if (trained.loss === 'binaryCrossEntropy') {
      const p = row[0];
      const cls = p >= 0.5 ? 1 : 0;
      rows.push({ prediction: trained.classes?.[cls] ?? cls, probability: p >= 0.5 ? p : 1 - p });
    } else if (trained.loss === 'softmaxCrossEntropy') {
      const best = row.indexOf(Math.max(...row));
      rows.push({ prediction: trained.classes?.[best] ?? best, probability: row[best] });
    } else rows.push({ prediction: row[0], values: row });
  }
  return rows;
}
