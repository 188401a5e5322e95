import {
  DEFAULT_CHECK_MODE,
  gradcheck,
  type CheckMode,
  type Epsilon,
  type GradcheckReport,
  type PlantedBug,
} from '../gradcheck/index.js';
import { buildMlp, type LossName } from '../nn/index.js';
import { gatherRows } from '../ops/index.js';
import type { MissingPolicy } from '../data/encoding.js';
import type { TaskKind } from '../data/task.js';
import type { Table } from '../data/table.js';
import { loadTable } from './tables.js';
import { TRAIN_DEFAULTS } from './trainDefaults.js';
import { datasetForTask } from './taskData.js';
import { modelBatch } from './modelBatch.js';
import { Generator } from '../random/index.js';
import { prestartGradcheckWorkers } from '../node/gradcheckWorkers.js';
import { fit } from '../train/index.js';
import { createScaler, loadTrainedModel, type TrainedModel } from './trainedModel.js';

export interface GradcheckRunOptions {
  /** A model file; or build one from the architecture options below. */
  model?: string;
  data: string;
  label?: string;
  layers?: number[];
  activation?: string;
  init?: string;
  loss?: LossName | string;
  /** Without a model: the task of the data (default: inferred as gradlab train infers it). */
  task?: TaskKind;
  /** Without a model: the feature columns (default: all but the label), and the text ones to one-hot encode. */
  features?: string[];
  categorical?: string[];
  /** Without a model: empty cells (as `gradlab train --missing`; default an error naming the cell). */
  missing?: MissingPolicy;
  l2?: number;
  dropoutRate?: number;
  /** Rows of the batch the objective is computed on (default GRADCHECK_BATCH_SIZE). */
  batchSize?: number;
  /** Train this many mini-batch steps first (check after some training, not only at initialization). */
  trainSteps?: number;
  mode?: CheckMode;
  epsilon?: Epsilon;
  dropout?: 'off' | 'frozen';
  samples?: number;
  directions?: number;
  includeValues?: boolean;
  injectBug?: PlantedBug | null;
  /** Threads of a full check (see GradcheckOptions.workers). */
  workers?: number | 'auto';
  seed?: number;
}

/** Rows of the checked batch when none is asked for: as the course's checks, a mini-batch, not the data. */
export const GRADCHECK_BATCH_SIZE = 32;

/** Loads or builds a model, takes a seeded batch of (scaled) rows, optionally trains, then checks. */
export function runGradcheck(options: GradcheckRunOptions): GradcheckReport {
  const seed = options.seed ?? 1;
  const asked = options.batchSize ?? GRADCHECK_BATCH_SIZE;
  // A full check may use worker threads: they load their modules while the data is read.
  if ((options.mode ?? DEFAULT_CHECK_MODE) === 'full' && options.workers !== 1) prestartGradcheckWorkers();
  let trained: TrainedModel;
  // A fresh network's data was read once to decide its task; a model file's is read below.
  let read: Table | null = null;
  if (options.model) {
    trained = loadTrainedModel(options.model);
  } else {
    const {
      data: probe,
      table,
      task,
      loss,
      encoding,
    } = datasetForTask(options.data, {
      label: options.label ?? 'label',
      seed,
      task: options.task,
      loss: options.loss,
      features: options.features,
      categorical: options.categorical,
      missing: options.missing,
    });
    read = table;
    const scaler = createScaler('standard', probe.featureNames);
    scaler?.fit(probe.x);
    trained = {
      model: buildMlp({
        inputSize: probe.x.shape[1],
        hidden: options.layers ?? [...TRAIN_DEFAULTS.layers],
        outputs: probe.classes ? probe.classes.length : (probe.y.shape[1] ?? 1),
        loss,
        activation: options.activation,
        init: options.init,
        dropout: options.dropoutRate,
        seed,
      }),
      scaler,
      loss,
      l2: options.l2 ?? 0,
      classes: probe.classes,
      task,
      labels: [options.label ?? 'label'],
      inputs: encoding,
      targetScaler: null,
    };
  }
  // Columns by name, encoded as in training; the label column named by the model (or --label for a fresh one).
  const table = read ?? loadTable(options.data, { seed }).table;
  const named = options.model ? trained : { ...trained, labels: [options.label ?? 'label'] };
  const { x, y } = modelBatch(named, table);
  const l2 = options.l2 ?? trained.l2;
  if (options.trainSteps) {
    const m = x.shape[0];
    const batchSize = Math.min(asked, m);
    fit(trained.model, x, y, {
      loss: trained.loss,
      l2,
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize,
      epochs: Math.ceil((options.trainSteps * batchSize) / m),
      seed,
      quiet: true,
      callbacks: [
        {
          onStepEnd: (context) => {
            if (context.step >= options.trainSteps!) context.stop('completed', `trained ${context.step} steps`);
          },
        },
      ],
    });
  }
  const rows = new Generator(seed).permutation(x.shape[0]).subarray(0, Math.min(asked, x.shape[0]));
  const report = gradcheck(trained.model, gatherRows(x, rows), gatherRows(y, rows), {
    loss: trained.loss,
    l2,
    mode: options.mode,
    epsilon: options.epsilon,
    dropout: options.dropout,
    samples: options.samples,
    directions: options.directions,
    includeValues: options.includeValues,
    injectBug: options.injectBug,
    workers: options.workers,
    seed,
  });
  if (asked > x.shape[0])
    report.notes.push(`the batch is all ${x.shape[0]} rows of the data (--batch-size asked for ${asked}).`);
  return report;
}
