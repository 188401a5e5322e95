import { MinMaxScaler, StandardScaler, scalerFromJSON, type Dataset, type Scaler } from '../data/index.js';
import { matchColumns } from '../data/columns.js';
import { encodedFeatureNames, type InputEncoding } from '../data/encoding.js';
import type { TaskKind } from '../data/task.js';
import { ArgumentError, ModelFormatError } from '../errors.js';
import { modelFromJSON, modelToJSON, MODEL_FORMAT, networkFromParts } from '../nn/format.js';
import { parseLoss, type LossName, type Sequential } from '../nn/index.js';
import { gradlabVersion } from '../node/packageInfo.js';
import { readModelJson } from '../node/modelFiles.js';
import { writeFileAtomic } from '../node/atomicWrite.js';
import { noGrad } from '../autograd/index.js';
import { astype, reshape } from '../ops/index.js';
import { Tensor } from '../tensor/index.js';
import { evaluate, type Evaluation, type TrainingState } from '../train/index.js';
import { MODEL_FILE_VERSION, parseModelFileV2, type ModelFileV2 } from './modelFile.js';

export type NormalizeMode = 'standard' | 'minmax' | 'none';

/** Where a model came from (stored in the model file). */
export interface Provenance {
  gradlabVersion: string;
  createdAt: string;
  seed: number | null;
  command: string[] | null;
  data: { source: string; rows: number; sha256: string | null };
}

/**
 * A trained network with everything prediction needs: the task, the label column(s) and class names,
 * how input columns are found (by name) and encoded, the feature scaler and the target scaler.
 */
export interface TrainedModel {
  model: Sequential;
  scaler: Scaler | null;
  loss: LossName;
  l2: number;
  /** Class names in output order (classification); null for regression. */
  classes: Array<string | number> | null;
  task: TaskKind;
  /** Label column(s) of the training data. */
  labels: string[];
  /** The input columns by name and their encodings; null = unnamed (matched by position, numbers only). */
  inputs: InputEncoding | null;
  /** Regression: targets were standardized with these training statistics; predictions are inverted. */
  targetScaler: StandardScaler | null;
  provenance?: Provenance;
  trainingState?: TrainingState;
}

export function createScaler(mode: NormalizeMode, featureNames: string[]): Scaler | null {
  if (mode === 'none') return null;
  if (mode === 'minmax') return new MinMaxScaler({ featureNames });
  if (mode === 'standard') return new StandardScaler({ featureNames, onConstantFeatures: () => {} });
  throw new ArgumentError(`unknown normalization '${mode}' (known: standard, minmax, none)`);
}

/** The task a loss implies (how version 1 files, which stored only the loss, are read). */
export function taskOfLoss(loss: LossName): TaskKind {
  return loss === 'meanSquaredError' ? 'regression' : 'classification';
}

/** The model's inputs for raw (encoded) features: the training scaler applied, in the model's dtype. */
export function prepareInputs(trained: TrainedModel, x: Tensor): Tensor {
  const scaled = trained.scaler ? trained.scaler.transform(x) : x;
  return astype(scaled, trained.model.dtype);
}

/** The targets the network was trained on: standardized with the training statistics for regression. */
export function prepareTargets(trained: TrainedModel, y: Tensor): Tensor {
  if (!trained.targetScaler) return astype(y, trained.model.dtype);
  const m = y.shape[0];
  return astype(trained.targetScaler.transform(y.rank === 1 ? reshape(y, [m, 1]) : y), trained.model.dtype);
}

/** The model file (version 2) of a trained model. */
export function trainedModelToJSON(trained: TrainedModel, meta?: Record<string, unknown>): ModelFileV2 {
  const network = modelToJSON(trained.model);
  return {
    format: MODEL_FORMAT,
    version: MODEL_FILE_VERSION,
    network: {
      dtype: network.dtype,
      inputSize: network.inputSize,
      layers: network.layers,
      parameters: network.parameters,
    },
    objective: { loss: trained.loss, l2: trained.l2 },
    task: {
      kind: trained.task,
      labels: trained.labels,
      classes: trained.classes,
      targetScaler: trained.targetScaler ? trained.targetScaler.toJSON() : null,
    },
    inputs: {
      columns: trained.inputs?.columns ?? null,
      missing: trained.inputs?.missing ?? 'error',
      scaler: trained.scaler ? (trained.scaler.toJSON() as ModelFileV2['inputs']['scaler']) : null,
    },
    provenance: trained.provenance ?? {
      gradlabVersion: gradlabVersion(),
      createdAt: new Date().toISOString(),
      seed: null,
      command: null,
      data: { source: 'unknown', rows: 0, sha256: null },
    },
    ...(trained.trainingState ? { trainingState: trained.trainingState } : {}),
    ...(meta ? { meta } : {}),
  };
}

/** Writes a version 2 model file atomically (validated first: a model we could not load is not written). */
export function saveTrainedModel(path: string, trained: TrainedModel, meta?: Record<string, unknown>): void {
  const json = trainedModelToJSON(trained, meta);
  parseModelFileV2(JSON.parse(JSON.stringify(json)), path);
  writeFileAtomic(path, `${JSON.stringify(json)}\n`);
}

/** A trained model from a parsed model file of version 1 or 2 (validated for structure and meaning). */
export function trainedModelFromJSON(json: unknown, source = 'model'): TrainedModel {
  const header = json as { version?: unknown; format?: unknown } | null;
  const version = header?.version;
  if (header?.format === MODEL_FORMAT && version !== 1 && version !== MODEL_FILE_VERSION)
    throw new ModelFormatError(
      `${source}: model file version ${JSON.stringify(version)} is not supported ` +
        `(this gradlab reads versions 1 and ${MODEL_FILE_VERSION})`,
    );
  if (version === MODEL_FILE_VERSION && (json as { format?: unknown }).format === MODEL_FORMAT) {
    const file = parseModelFileV2(json, source);
    return {
      model: networkFromParts(file.network, source),
      scaler: file.inputs.scaler ? storedScaler(file.inputs.scaler, source, 'inputs.scaler') : null,
      loss: file.objective.loss,
      l2: file.objective.l2,
      classes: file.task.classes,
      task: file.task.kind,
      labels: file.task.labels,
      inputs: file.inputs.columns ? { columns: file.inputs.columns, missing: file.inputs.missing } : null,
      targetScaler: file.task.targetScaler
        ? (storedScaler(file.task.targetScaler, source, 'task.targetScaler') as StandardScaler)
        : null,
      provenance: file.provenance,
      trainingState: file.trainingState as TrainingState | undefined,
    };
  }
  // Version 1: network, loss, scaler and class list only; columns are matched by position.
  const loaded = modelFromJSON(json, source);
  const loss = parseLoss(loaded.loss ?? 'meanSquaredError');
  const task = taskOfLoss(loss);
  const width = loaded.model.outputSize;
  const classes =
    loaded.labels ?? (task === 'classification' ? Array.from({ length: Math.max(2, width) }, (_, i) => i) : null);
  if (task === 'classification' && loss === 'softmaxCrossEntropy' && classes && classes.length !== width)
    throw new ModelFormatError(`${source}: ${classes.length} class names for ${width} outputs`);
  return {
    model: loaded.model,
    scaler: loaded.normalizer ? storedScaler(loaded.normalizer, source, 'normalizer') : null,
    loss,
    l2: loaded.l2 ?? 0,
    classes,
    task,
    labels: task === 'regression' && width > 1 ? Array.from({ length: width }, (_, i) => `label${i}`) : ['label'],
    inputs: null,
    targetScaler: null,
  };
}

/** Loads a model file (version 1 or 2); a corrupt or inconsistent file is refused with ModelFormatError. */
export function loadTrainedModel(path: string): TrainedModel {
  return trainedModelFromJSON(readModelJson(path), path);
}

/**
 * What the network says for raw (encoded) inputs x [m, n]: class probabilities [m, k] for a classifier
 * (σ(z) for the positive class and 1 − σ(z) for the other with binary cross-entropy; softmax
 * otherwise), or target values [m, t] in the targets' own units for regression.
 */
export function modelOutputs(trained: TrainedModel, x: Tensor): { values: Float64Array; width: number } {
  const pass = noGrad(() => trained.model.forwardWithLogits(prepareInputs(trained, x)));
  const out = trained.task === 'regression' ? pass.output : pass.logits;
  const m = out.shape[0];
  const k = out.size / m;
  if (trained.task === 'regression') {
    const z = new Tensor(Float64Array.from(out.data), [m, k]);
    const values = trained.targetScaler ? trained.targetScaler.inverseTransform(z) : z;
    return { values: Float64Array.from(values.data), width: k };
  }
  if (trained.loss === 'binaryCrossEntropy') {
    const values = new Float64Array(2 * m);
    for (let i = 0; i < m; i++) {
      const p = 1 / (1 + Math.exp(-out.data[i]));
      values[2 * i] = 1 - p;
      values[2 * i + 1] = p;
    }
    return { values, width: 2 };
  }
  // Softmax with the row maximum subtracted: exp never overflows.
  const values = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, out.data[i * k + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += values[i * k + c] = Math.exp(out.data[i * k + c] - max);
    for (let c = 0; c < k; c++) values[i * k + c] /= sum;
  }
  return { values, width: k };
}

/**
 * A Dataset's features in the order the model reads them, found by name (`data.featureNames` against
 * the model's encoded feature names); a model without names takes them as they are.
 */
export function alignFeatures(trained: TrainedModel, data: Dataset): Tensor {
  if (!trained.inputs) return data.x;
  const match = matchColumns({ header: data.featureNames, source: data.name }, encodedFeatureNames(trained.inputs));
  const [m, n] = data.x.shape;
  if (match.indices.length === n && !match.reordered) return data.x;
  const k = match.indices.length;
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) match.indices.forEach((col, j) => (out[i * k + j] = data.x.data[i * n + col]));
  return new Tensor(out, [m, k]);
}

/** Data loss, objective and accuracy of a trained model on a Dataset (features matched by name). */
export function evaluateTrained(trained: TrainedModel, data: Dataset): Evaluation & { rows: number } {
  const x = prepareInputs(trained, alignFeatures(trained, data));
  const y = prepareTargets(trained, data.y);
  return { ...evaluate(trained.model, x, y, { loss: trained.loss, l2: trained.l2 }), rows: data.x.shape[0] };
}

/** Per-row predictions: the class (with every class's probability), or the regression values. */
export function predictTrained(
  trained: TrainedModel,
  x: Tensor,
): Array<{ prediction: string | number; probability?: number; probabilities?: number[]; values?: number[] }> {
  const { values, width } = modelOutputs(trained, x);
  const m = x.shape[0];
  return Array.from({ length: m }, (_, i) => {
    const row = Array.from(values.subarray(i * width, (i + 1) * width));
    if (trained.task === 'regression') return { prediction: row[0], values: row };
    const best = row.indexOf(Math.max(...row));
    return { prediction: trained.classes?.[best] ?? best, probability: row[best], probabilities: row };
  });
}

/** A scaler stored in a model file; a refusal names the file and the field (the scaler names the feature). */
function storedScaler(json: unknown, source: string, field: string): Scaler {
  try {
    return scalerFromJSON(json);
  } catch (error) {
    throw new ModelFormatError(`${source}: ${field}: ${(error as Error).message}`);
  }
}
