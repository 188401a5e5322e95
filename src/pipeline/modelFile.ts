import { z } from 'zod';
import { ModelFormatError } from '../errors.js';
import type { MinMaxScalerJSON, StandardScalerJSON } from '../data/index.js';
import type { EpochRecord } from '../train/index.js';
import { describeIssues, layerSchema, MODEL_FORMAT, parameterSchema } from '../nn/format.js';

/** The model file version this gradlab writes (version 1, network + scaler + class list, still loads). */
export const MODEL_FILE_VERSION = 2;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const className = z.union([z.string(), z.number()]);

// The scalers' shapes only: their values (finite means, counts > 0, m2 ≥ 0, …) are checked by the
// scalers' own fromJSON, in one place for model files and scaler files, with the feature named.
const scalerOf =
  <T>(type: string, statistic: string) =>
  (v: unknown): v is T =>
    (v as { type?: unknown } | null)?.type === type && Array.isArray((v as Record<string, unknown>)[statistic]);
const standardScalerSchema = z.custom<StandardScalerJSON>(scalerOf('standard', 'mean'), 'a standard scaler');
const minMaxScalerSchema = z.custom<MinMaxScalerJSON>(scalerOf('minmax', 'dataMin'), 'a min-max scaler');

const columnSchema = z.discriminatedUnion('kind', [
  z.object({ name: z.string().min(1), kind: z.literal('numeric'), mean: finite }),
  z.object({ name: z.string().min(1), kind: z.literal('categorical'), categories: z.array(z.string()).min(1) }),
]);

const generatorStateSchema = z.object({
  words: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
  spareNormal: finite.nullable(),
});

/**
 * Optional: what `fit({ resume })` needs beyond the weights to continue bit for bit (a checkpoint
 * written by `train --checkpoint-every`; a finished model leaves it out). It is the library's
 * TrainingState (see train/callbacks.ts): the optimizer's step count and buffers, both random
 * streams, the schedule's base rate, each callback's own state (early stopping's best epoch,
 * divergence detection's reference) and the history so far.
 */
export const trainingStateSchema = z.object({
  format: z.literal('gradlab.training'),
  version: z.literal(1),
  epoch: z.number().int().nonnegative(),
  step: z.number().int().nonnegative(),
  initialLearningRate: finite,
  optimizer: z.object({
    name: z.string(),
    iterations: z.number().int().nonnegative(),
    learningRate: finite,
    buffers: z.array(z.object({ index: z.number().int().nonnegative(), values: z.array(z.array(finite)) })),
  }),
  shuffle: generatorStateSchema.nullable(),
  dropout: generatorStateSchema,
  callbacks: z.record(z.string(), z.unknown()),
  history: z.object({
    steps: z.array(finite),
    epochs: z.array(
      z.custom<EpochRecord>((v) => Number.isInteger((v as { epoch?: unknown } | null)?.epoch), 'an epoch record'),
    ),
    stopReason: z.string(),
    message: z.string(),
    gradchecks: z.array(z.unknown()),
    bestEpoch: z.number().int().optional(),
    restoredEpoch: z.number().int().optional(),
    finiteCostSeen: z.boolean().optional(),
  }),
});

/** The zod schema of a version 2 model file (docs/tasks-and-models.md describes every field). */
export const modelFileV2Schema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_FILE_VERSION),
  network: z.object({
    dtype: z.enum(['float64', 'float32']),
    inputSize: z.number().int().positive(),
    layers: z.array(layerSchema).min(1),
    parameters: z.record(z.string(), parameterSchema),
  }),
  objective: z.object({
    loss: z.enum(['binaryCrossEntropy', 'softmaxCrossEntropy', 'meanSquaredError']),
    l2: z.number().nonnegative(),
  }),
  task: z.object({
    kind: z.enum(['classification', 'regression']),
    /** Label column(s) in the training file: one for classification, one or more for regression. */
    labels: z.array(z.string().min(1)).min(1),
    /** Classification: class names in output order (sorted; for binary, the positive class second). */
    classes: z.array(className).nullable(),
    /** Regression: the standardization of the targets (fitted on training rows), inverted on prediction. */
    targetScaler: standardScalerSchema.nullable(),
  }),
  inputs: z.object({
    /** Input columns by name, in the order the network reads them; null = unnamed, matched by position. */
    columns: z.array(columnSchema).nullable(),
    missing: z.enum(['error', 'drop', 'mean']),
    /** The feature scaler (fitted on training rows), applied after encoding. */
    scaler: z.union([standardScalerSchema, minMaxScalerSchema]).nullable(),
  }),
  provenance: z.object({
    gradlabVersion: z.string(),
    createdAt: z.string(),
    seed: z.number().nullable(),
    /** The command line that trained it (arguments after `gradlab`), or null from the library. */
    command: z.array(z.string()).nullable(),
    data: z.object({ source: z.string(), rows: z.number().int().nonnegative(), sha256: z.string().nullable() }),
  }),
  trainingState: trainingStateSchema.optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/** A version 2 model file, as validated by modelFileV2Schema. */
export type ModelFileV2 = z.infer<typeof modelFileV2Schema>;

/** Validates a version 2 file's structure (zod), then its meaning (checkModelMeaning). */
export function parseModelFileV2(json: unknown, source: string): ModelFileV2 {
  const parsed = modelFileV2Schema.safeParse(json);
  if (!parsed.success) throw new ModelFormatError(`${source}: ${describeIssues(parsed.error)}`);
  checkModelMeaning(parsed.data, source);
  return parsed.data;
}

/**
 * What zod cannot see: the output layer's width fits the task, classes and loss; the inputs fit the
 * first layer; scalers hold one statistic per feature / target.
 */
export function checkModelMeaning(file: ModelFileV2, source: string): void {
  const fail = (what: string) => {
    throw new ModelFormatError(`${source}: ${what}`);
  };
  const { task, objective, network, inputs } = file;
  const last = [...network.layers].reverse().find((l) => l.type === 'dense');
  const width = last && last.type === 'dense' ? last.units : 0;
  if (task.kind === 'classification') {
    const k = task.classes?.length ?? 0;
    if (k < 2) fail(`task.classes: a classifier needs at least 2 classes, the file has ${k}`);
    if (new Set(task.classes!.map(String)).size !== k) fail('task.classes: a class is named twice');
    if (task.labels.length !== 1)
      fail(`task.labels: a classifier has one label column, the file has ${task.labels.length}`);
    if (task.targetScaler) fail('task.targetScaler: a classifier has no target scaler');
    if (objective.loss === 'meanSquaredError') fail('objective.loss: meanSquaredError does not fit a classifier');
    if (objective.loss === 'binaryCrossEntropy' && (k !== 2 || width !== 1))
      fail(`binaryCrossEntropy needs 2 classes and 1 output, the file has ${k} classes and ${width} outputs`);
    if (objective.loss === 'softmaxCrossEntropy' && width !== k)
      fail(`softmaxCrossEntropy needs one output per class: ${k} classes, ${width} outputs`);
  } else {
    if (task.classes) fail('task.classes: a regression model has no classes');
    if (objective.loss !== 'meanSquaredError') fail(`objective.loss: ${objective.loss} does not fit regression`);
    if (width !== task.labels.length)
      fail(`the output layer has ${width} units for ${task.labels.length} targets (${task.labels.join(', ')})`);
    if (task.targetScaler && task.targetScaler.mean.length !== task.labels.length)
      fail(`task.targetScaler has ${task.targetScaler.mean.length} statistics for ${task.labels.length} targets`);
  }
  if (inputs.columns) {
    const names = inputs.columns.map((c) => c.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) fail(`inputs.columns: '${twice}' appears twice`);
    const label = names.find((n) => task.labels.includes(n));
    if (label) fail(`inputs.columns: the label column '${label}' is also an input`);
    const features = inputs.columns.reduce((s, c) => s + (c.kind === 'numeric' ? 1 : c.categories.length), 0);
    if (features !== network.inputSize)
      fail(`inputs.columns encode ${features} features, the network reads ${network.inputSize}`);
  }
  const scalerWidth =
    inputs.scaler?.type === 'standard' ? inputs.scaler.mean.length : (inputs.scaler?.dataMin.length ?? null);
  if (scalerWidth !== null && scalerWidth !== network.inputSize)
    fail(`inputs.scaler has ${scalerWidth} features, the network reads ${network.inputSize}`);
}
