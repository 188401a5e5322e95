import type { MissingPolicy } from '../data/encoding.js';
import type { TaskKind } from '../data/task.js';
import { ArgumentError, ModelFormatError } from '../errors.js';
import type { LossName } from '../nn/index.js';
import { readModelJson } from '../node/modelFiles.js';
import type { DType } from '../tensor/index.js';
import { trainedModelFromJSON, type NormalizeMode, type TrainedModel } from './trainedModel.js';
import type { ScheduleSpec } from './trainSchedule.js';

/**
 * Every setting a training run used, defaults applied: stored in a model file's `meta.training`, so
 * that `--resume` can rebuild the same run (same data preparation, network, optimizer and schedule)
 * without the user repeating flags.
 */
export interface TrainSettings {
  data: string;
  label: string[];
  features: string[] | null;
  task: TaskKind;
  positive: string | null;
  missing: MissingPolicy;
  categorical: string[] | null;
  layers: number[];
  activation: string;
  init: string;
  loss: LossName;
  l2: number;
  dropout: number;
  optimizer: string;
  learningRate: number;
  epochs: number;
  batchSize: number;
  seed: number;
  dtype: DType;
  normalize: NormalizeMode;
  validationSplit: number;
  patience: number;
  schedule: ScheduleSpec | null;
}

/** Settings a resumed run may change without breaking bit-identity: the total epochs (more or fewer). */
const CHANGEABLE_ON_RESUME: ReadonlySet<string> = new Set(['epochs', 'data']);

const SETTING_KEYS: ReadonlyArray<keyof TrainSettings> = [
  'data',
  'label',
  'features',
  'task',
  'positive',
  'missing',
  'categorical',
  'layers',
  'activation',
  'init',
  'loss',
  'l2',
  'dropout',
  'optimizer',
  'learningRate',
  'epochs',
  'batchSize',
  'seed',
  'dtype',
  'normalize',
  'validationSplit',
  'patience',
  'schedule',
];

/** A checkpoint file: the trained model with its TrainingState and the settings of the run that wrote it. */
export function loadCheckpoint(path: string): TrainedModel & { settings: TrainSettings } {
  const json = readModelJson(path);
  const trained = trainedModelFromJSON(json, path);
  if (!trained.trainingState)
    throw new ModelFormatError(
      `${path}: no trainingState to resume from ` +
        '(write one with train --checkpoint-every; a finished model leaves it out)',
    );
  const settings = (json as { meta?: { training?: unknown } }).meta?.training as TrainSettings | undefined;
  const missing = SETTING_KEYS.filter((k) => settings === undefined || !(k in settings));
  if (missing.length)
    throw new ModelFormatError(`${path}: meta.training lacks the run's settings (${missing.join(', ')})`);
  return { ...trained, settings: settings! };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Refuses a resumed run whose explicitly given settings differ from the checkpoint's (any difference
 * would change the result, so the run would silently not be the one it continues). `given` holds only
 * the options the user set; each mismatch is named with both values.
 */
export function checkResumable(stored: TrainSettings, given: Partial<Record<keyof TrainSettings, unknown>>): void {
  const clashes = SETTING_KEYS.filter(
    (k) => !CHANGEABLE_ON_RESUME.has(k) && given[k] !== undefined && !same(normalized(k, given[k]), stored[k]),
  ).map(
    (k) => `${k} is ${JSON.stringify(stored[k])} in the checkpoint, ${JSON.stringify(normalized(k, given[k]))} here`,
  );
  if (clashes.length)
    throw new ArgumentError(
      `--resume: the run would not continue the checkpoint's: ${clashes.join('; ')} ` +
        "(drop those flags to use the checkpoint's settings)",
    );
}

function normalized(key: keyof TrainSettings, value: unknown): unknown {
  if (key === 'label' && typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return value;
}
