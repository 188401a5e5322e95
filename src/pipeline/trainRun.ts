import { StandardScaler, taskOf, trainTestSplit, type Dataset } from '../data/index.js';
import {
  encodedFeatureNames,
  encodeInputs,
  fitInputEncoding,
  isMissing,
  type MissingPolicy,
} from '../data/encoding.js';
import { checkLossFits, classOrder, inferTask, lossForTask, rareClasses, type TaskKind } from '../data/task.js';
import { datasetName, selectRows } from '../data/table.js';
import { ArgumentError, DataError } from '../errors.js';
import { buildMlp, Objective, parseLoss, type LossName, type Sequential } from '../nn/index.js';
import { gradlabVersion } from '../node/packageInfo.js';
import { writeCsv } from '../node/tableWrite.js';
import { Tensor, type DType } from '../tensor/index.js';
import { checkpoints, fit, type FitCallback, type History } from '../train/index.js';
import { describeFit, type FitReport } from './fitReport.js';
import { inputColumns } from './inputColumns.js';
import { loadTable } from './tables.js';
import { targetsFromTable } from './tableData.js';
import {
  createScaler,
  prepareInputs,
  prepareTargets,
  saveTrainedModel,
  type NormalizeMode,
  type TrainedModel,
} from './trainedModel.js';
import { learningRateSchedule, type ScheduleSpec } from './trainSchedule.js';
import { checkResumable, type TrainSettings } from './trainResume.js';
import { TASK_DEFAULTS, TRAIN_DEFAULTS } from './trainDefaults.js';

/**
 * Everything `gradlab train` takes: data, architecture, objective, optimizer, normalization, validation split,
 * seed.
 */
export interface TrainRunOptions {
  /** Bundled or synthetic dataset name, or a CSV path. */
  data: string;
  /** Label column, or several (comma list or array) for multi-target regression (default 'label'). */
  label?: string | string[];
  /** Input columns to use (default: every column but the labels). */
  features?: string[];
  /** Default: inferred from the loss and the labels (see docs/tasks-and-models.md). */
  task?: TaskKind;
  /** Binary classification: the class whose probability the network outputs (default: the second sorted). */
  positive?: string;
  /** Empty cells: 'error' (default), 'drop' the row, or impute the training 'mean'. */
  missing?: MissingPolicy;
  /** Text columns to one-hot encode with the training categories. */
  categorical?: string[];
  /** Hidden layer widths (default TRAIN_DEFAULTS.layers). */
  layers?: number[];
  activation?: string;
  init?: string;
  /** Default from the task: binaryCrossEntropy, softmaxCrossEntropy or meanSquaredError. */
  loss?: LossName | string;
  /** Default: TASK_DEFAULTS. */
  l2?: number;
  dropout?: number;
  optimizer?: string;
  learningRate?: number;
  /** Default: TASK_DEFAULTS. */
  epochs?: number;
  batchSize?: number;
  seed?: number;
  dtype?: DType;
  normalize?: NormalizeMode;
  /** Fraction of rows held out for validation (default 0.2; 0 = none). */
  validationSplit?: number;
  /**
   * Stop when the validation loss has not improved for this many epochs, keeping the best epoch's
   * weights (0 = train every epoch). Default: TASK_DEFAULTS.
   */
  patience?: number;
  /** A learning-rate schedule by name and parameters (default: none, a constant rate). */
  schedule?: ScheduleSpec;
  /**
   * Write the model with its TrainingState to `path` (atomically) every `every` epochs and at the
   * last: the file `resume` continues from.
   */
  checkpoint?: { every: number; path: string };
  /**
   * A checkpoint to continue (loadTrainedModel of a file written with `checkpoint`): its stored
   * settings are used, its parameters and TrainingState continue the run bit for bit. Options given
   * here must equal the stored ones (checkResumable), except `epochs` (the total, which may grow).
   */
  resume?: TrainedModel & { settings: TrainSettings };
  quiet?: boolean;
  progress?: boolean;
  /** The command line, stored in the model's provenance. */
  commandLine?: string[];
  /** Called with each warning as it is found, before training (they are also in the result's `warnings`). */
  onWarning?: (message: string) => void;
}

/** What `runTraining` (and `gradlab train --json`) reports: the data, the task, the metrics and the history. */
export interface TrainRunResult {
  dataset: string;
  task: TaskKind;
  labels: string[];
  classes: Array<string | number> | null;
  features: string[];
  rows: { train: number; validation: number; dropped: number };
  loss: string;
  parameters: number;
  normalize: NormalizeMode;
  train: FitReport;
  validation: FitReport | null;
  epochs: number;
  steps: number;
  stopReason: History['stopReason'];
  message: string;
  history: History;
  /** Every setting the run used, defaults applied (stored in the model file's meta.training). */
  settings: TrainSettings;
  /** The epoch a resumed run continued from (null for a fresh run). */
  resumedFrom: number | null;
  /** What looked wrong in the data but did not stop the run (a lone class value, a class with no training row). */
  warnings: string[];
}

/** The loss for a Dataset's labels (kept for library users with a Dataset in hand). */
export function defaultLoss(data: Dataset): LossName {
  const task = taskOf(data);
  return task === 'binary' ? 'binaryCrossEntropy' : task === 'multiclass' ? 'softmaxCrossEntropy' : 'meanSquaredError';
}

function labelList(label: string | string[] | undefined): string[] {
  const list = Array.isArray(label) ? label : (label ?? 'label').split(',');
  const names = list.map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new ArgumentError('--label: no column named');
  return names;
}

/**
 * Reads the data as named columns, settles the task and checks the loss fits the labels, holds out a
 * (stratified) validation split, learns encodings, the feature scaler and (regression) the target
 * scaler on the training rows only, builds the MLP and trains it.
 */
export function runTraining(given: TrainRunOptions): { result: TrainRunResult; trained: TrainedModel } {
  const resume = given.resume;
  if (resume) checkResumable(resume.settings, given);
  // A resumed run takes every setting from its checkpoint (given ones were checked equal), the total epochs aside.
  const options: TrainRunOptions = resume
    ? {
        ...given,
        ...resume.settings,
        data: given.data ?? resume.settings.data,
        features: resume.settings.features ?? undefined,
        positive: resume.settings.positive ?? undefined,
        categorical: resume.settings.categorical ?? undefined,
        schedule: resume.settings.schedule ?? undefined,
        epochs: given.epochs ?? resume.settings.epochs,
      }
    : given;
  const dtype = options.dtype ?? TRAIN_DEFAULTS.dtype;
  const seed = options.seed ?? TRAIN_DEFAULTS.seed;
  const { table: full, sha256 } = loadTable(options.data, { seed });
  const stored = resume?.provenance?.data.sha256;
  if (stored && stored !== sha256)
    throw new DataError(
      `--resume: ${options.data} is not the data the checkpoint was trained on ` +
        `(SHA-256 ${sha256.slice(0, 12)}…, the checkpoint's ${stored.slice(0, 12)}…)`,
    );
  const labels = labelList(options.label);
  const { labelCols, featureCols, missing, table } = inputColumns(full, labels, options);
  // An empty label cannot be imputed: name it before it could pass for a class called ''.
  labelCols.forEach((col, c) => {
    const r = table.rows.findIndex((row) => isMissing(row[col]));
    if (r >= 0)
      throw new DataError(
        `${table.source} line ${table.lines[r]}, column ${col + 1} (${labels[c]}): ` +
          'the label is empty (--missing drop drops such rows)',
      );
  });
  const requested = options.loss === undefined ? undefined : parseLoss(options.loss);
  const task = inferTask(table, labels, { task: options.task, loss: requested });
  const classes =
    task === 'classification'
      ? classOrder(
          table.rows.map((r) => r[labelCols[0]]),
          options.positive,
        )
      : null;
  if (options.positive !== undefined && task !== 'classification')
    throw new ArgumentError('--positive names a class: it needs a classification task');
  const loss = requested ?? lossForTask(task, classes?.length ?? 0);
  checkLossFits(loss, task, classes, `label '${labels[0]}'`);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  if (task === 'classification') for (const rare of rareClasses(table, labels[0])) warn(rare.message);

  const defaults = TASK_DEFAULTS[task];
  const patience = options.patience ?? defaults.patience;
  // The objective is built once, here at the edge; fit and the saved model take it as it is.
  const objective = Objective.from({ loss, l2: options.l2 ?? defaults.l2 });
  const trained: TrainedModel = {
    model: null as never,
    scaler: null,
    loss,
    l2: objective.l2,
    classes,
    task,
    labels,
    inputs: null,
    targetScaler: null,
  };
  const yAll = targetsFromTable(trained, table);
  const m = table.rows.length;
  const t = task === 'regression' ? labels.length : 1;
  const yTensor = new Tensor(yAll, task === 'regression' ? [m, t] : [m]);
  const holdout = options.validationSplit ?? TRAIN_DEFAULTS.validationSplit;
  const order = new Tensor(
    Float64Array.from({ length: m }, (_, i) => i),
    [m, 1],
  );
  const split =
    holdout > 0
      ? trainTestSplit(order, yTensor, { testSize: holdout, seed, stratify: task === 'classification' })
      : null;
  const trainRows = split ? Array.from(split.trainIndices) : Array.from({ length: m }, (_, i) => i);
  const validationRows = split ? Array.from(split.testIndices) : [];
  // A class whose rows all went to validation has an output unit that never trains (a class of 1 row at
  // --validation 0.5: round(0.5) = 1 row held back).
  classes?.forEach((name, c) => {
    if (!trainRows.some((r) => yAll[r] === c))
      warn(`class '${name}' has no training row: all its rows are in the validation split, so it is never learned`);
  });

  const encoding = fitInputEncoding(table, featureCols, { categorical: options.categorical, missing, rows: trainRows });
  trained.inputs = encoding;
  const features = encodedFeatureNames(encoding);
  const part = (rows: number[]) => {
    const sub = selectRows(table, rows);
    // Validation rows may hold a category the training rows lack: it is encoded as none, as --unknown ignore would.
    const x = new Tensor(encodeInputs(sub, encoding, featureCols, { unknown: 'ignore' }), [
      rows.length,
      features.length,
    ]);
    const y = new Tensor(
      Float64Array.from(rows.flatMap((r) => Array.from(yAll.subarray(r * t, (r + 1) * t)))),
      task === 'regression' ? [rows.length, t] : [rows.length],
    );
    return { x, y };
  };
  const train = part(trainRows);
  const validation = validationRows.length ? part(validationRows) : null;

  const normalize = options.normalize ?? TRAIN_DEFAULTS.normalize;
  trained.scaler = createScaler(normalize, features);
  trained.scaler?.fit(train.x);
  if (task === 'regression') {
    // Targets on their own scale (diabetes: 25…346) would need a tiny learning rate; z-scored they train like
    // the inputs.
    trained.targetScaler = new StandardScaler({ featureNames: labels, onConstantFeatures: () => {} }).fit(train.y);
  }
  const built = buildMlp({
    inputSize: features.length,
    hidden: options.layers ?? [...TRAIN_DEFAULTS.layers],
    outputs: classes ? classes.length : t,
    loss,
    activation: options.activation ?? TRAIN_DEFAULTS.activation,
    init: options.init ?? TRAIN_DEFAULTS.init,
    dropout: options.dropout ?? TRAIN_DEFAULTS.dropout,
    dtype,
    seed,
  });
  trained.model = resume ? sameArchitecture(resume.model, built, options.data) : built;
  const settings: TrainSettings = {
    data: options.data,
    label: labels,
    features: options.features ?? null,
    task,
    positive: options.positive ?? null,
    missing,
    categorical: options.categorical ?? null,
    layers: options.layers ?? [...TRAIN_DEFAULTS.layers],
    activation: options.activation ?? TRAIN_DEFAULTS.activation,
    init: options.init ?? TRAIN_DEFAULTS.init,
    loss,
    l2: objective.l2,
    dropout: options.dropout ?? TRAIN_DEFAULTS.dropout,
    optimizer: options.optimizer ?? TRAIN_DEFAULTS.optimizer,
    learningRate: options.learningRate ?? TRAIN_DEFAULTS.learningRate,
    epochs: options.epochs ?? defaults.epochs,
    batchSize: options.batchSize ?? TRAIN_DEFAULTS.batchSize,
    seed,
    dtype,
    normalize: options.normalize ?? TRAIN_DEFAULTS.normalize,
    validationSplit: holdout,
    patience,
    schedule: options.schedule ?? null,
  };
  trained.provenance = {
    gradlabVersion: gradlabVersion(),
    createdAt: new Date().toISOString(),
    seed,
    command: options.commandLine ?? null,
    data: { source: options.data, rows: full.rows.length, sha256 },
  };
  const callbacks: FitCallback[] = [];
  const checkpoint = options.checkpoint;
  if (checkpoint)
    callbacks.push(
      checkpoints({
        every: checkpoint.every,
        // Written at once: the parameters in the context are this epoch's, and later epochs change them.
        save: (state) =>
          saveTrainedModel(checkpoint.path, { ...trained, trainingState: state }, trainingMeta(settings, full.source)),
      }),
    );
  const history = fit(trained.model, prepareInputs(trained, train.x), prepareTargets(trained, train.y), {
    objective,
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    seed,
    schedule: settings.schedule ? learningRateSchedule(settings.schedule) : undefined,
    callbacks,
    resume: resume?.trainingState,
    earlyStopping: validation && patience > 0 ? { patience, restoreBest: true, monitor: 'valLoss' } : undefined,
    validation: validation
      ? { x: prepareInputs(trained, validation.x), y: prepareTargets(trained, validation.y) }
      : undefined,
    quiet: options.quiet,
    progress: options.progress,
  });
  return {
    trained,
    result: {
      dataset: datasetName(full.source),
      task,
      labels,
      classes,
      features,
      rows: { train: trainRows.length, validation: validationRows.length, dropped: full.rows.length - m },
      loss,
      parameters: trained.model.parameterCount(),
      normalize,
      train: describeFit(trained, train.x, train.y),
      validation: validation ? describeFit(trained, validation.x, validation.y) : null,
      epochs: history.epochs.length,
      steps: history.steps.length,
      stopReason: history.stopReason,
      message: history.message,
      history,
      settings,
      resumedFrom: resume?.trainingState?.epoch ?? null,
      warnings,
    },
  };
}

/** The model file's meta for a run: its dataset's name and every setting (what --resume reads back). */
export function trainingMeta(settings: TrainSettings, source: string, stopReason?: string): Record<string, unknown> {
  return { dataset: datasetName(source), ...(stopReason ? { stopReason } : {}), training: settings };
}

/** The checkpoint's network, if it has the layers and parameter shapes the settings build (else a clear error). */
function sameArchitecture(saved: Sequential, built: Sequential, source: string): Sequential {
  const shapes = (m: Sequential) => m.namedParameters().map(([name, t]) => `${name}[${t.shape.join('×')}]`);
  const a = shapes(saved).join(', ');
  const b = shapes(built).join(', ');
  if (a !== b || saved.dtype !== built.dtype)
    throw new ArgumentError(
      `--resume: the checkpoint's network (${saved.dtype} ${a}) ` +
        `is not the one its settings build on ${source} (${built.dtype} ${b})`,
    );
  return saved;
}

/** The per-epoch records of a history as CSV (one row per epoch; empty cells where there is no validation). */
export function writeHistoryCsv(path: string, history: History): void {
  const columns = [
    'epoch',
    'loss',
    'dataLoss',
    'accuracy',
    'batchLoss',
    'valLoss',
    'valAccuracy',
    'learningRate',
    'seconds',
  ] as const;
  writeCsv(
    path,
    [...columns],
    history.epochs.map((record) => columns.map((c) => record[c] ?? '')),
  );
}
