import { gradients } from '../autograd/index.js';
import { ArgumentError, formatShape, ShapeError } from '../errors.js';
import { type LossName, Objective, type Sequential } from '../nn/index.js';
import { gatherRows } from '../ops/index.js';
import { createOptimizer, type LearningRateSchedule, type Optimizer } from '../optim/index.js';
import { Generator } from '../random/index.js';
import { type Tensor, withBufferScope } from '../tensor/index.js';
import { batchIndices } from './batches.js';
import type { FitCallback, FitContext, ParameterSnapshot, StepBegin, StepEnd, TrainingState } from './callbacks.js';
import { FIT_DEFAULTS } from './defaults.js';
import { type DivergenceOptions, divergenceGuard } from './divergence.js';
import { type EarlyStoppingOptions, earlyStopping } from './earlyStopping.js';
import type { EpochRecord, History, StopReason } from './history.js';
import { accuracyFromLogits, evaluate } from './metrics.js';
import { initialDiagnosis } from './initialDiagnosis.js';
import { progressBar } from './progress.js';

/**
 * Everything `fit` takes: objective, optimizer and schedule, epochs and batch size, validation data, callbacks,
 * seed.
 */
export interface FitOptions {
  /** The objective: an Objective, or the shorthand `loss` (and `l2`). */
  objective?: Objective;
  loss?: LossName | string;
  /** λ of the L2 term λ/(2m)·Σ‖W‖² (default 0). */
  l2?: number;
  /** An Optimizer, or a name (sgd, momentum, nesterov, rmsprop, adam) used with learningRate. */
  optimizer?: Optimizer | string;
  learningRate?: number;
  epochs?: number;
  /** Mini-batch size (default 32); Infinity or ≥ m for full-batch gradient descent. */
  batchSize?: number;
  /** Seeds shuffling and dropout masks (default 0). */
  seed?: number;
  shuffle?: boolean;
  validation?: { x: Tensor; y: Tensor };
  schedule?: LearningRateSchedule;
  earlyStopping?: EarlyStoppingOptions | boolean;
  /** Divergence detection (on by default; see divergenceGuard); false turns the growth rules off (NaN still stops). */
  divergence?: DivergenceOptions | false;
  callbacks?: FitCallback[];
  /**
   * 'running' (default): the epoch's training loss and accuracy are running means over its
   * mini-batches, as Keras reports them, at no extra cost. 'exact': the whole training set is
   * evaluated at the end of every `evaluateEvery`-th epoch and of the last (each costs a forward pass
   * over all rows). Validation metrics are always exact.
   */
  trainingMetrics?: 'running' | 'exact';
  /** With trainingMetrics 'exact': evaluate every N epochs (default 1; the last epoch always). */
  evaluateEvery?: number;
  /** Progress bar on stderr (default: when stderr is a terminal and not quiet). */
  progress?: boolean;
  /** No progress bar and no messages on stderr. */
  quiet?: boolean;
  /**
   * Diagnose the network once before the first step and warn when it finds a problem (default: true;
   * nothing is measured with `quiet`). See initialDiagnosis.
   */
  diagnose?: boolean;
  /**
   * Continue a run from a checkpoint's state (see `checkpoints`): with the same model parameters,
   * data and settings, the result equals the uninterrupted run's bit for bit. `epochs` stays the
   * total (the run continues from the state's epoch).
   */
  resume?: TrainingState;
}

/** fit's settings after the one conversion at the edge: every default applied, every value checked. */
interface Settings {
  objective: Objective;
  optimizer: Optimizer;
  epochs: number;
  batchSize: number;
  exactEvery: number | null;
  shuffle: Generator | null;
  dropout: Generator;
  callbacks: FitCallback[];
  /** The base rate a schedule scales (the optimizer's rate when the run first began). */
  initialLearningRate: number;
}

function checkData(model: Sequential, x: Tensor, y: Tensor, what: string): void {
  if (x.rank !== 2 || x.shape[1] !== model.inputSize) {
    throw new ShapeError(`fit: ${what} X must be [m, ${model.inputSize}] for this model, got ${formatShape(x.shape)}`);
  }
  if (y.shape[0] !== x.shape[0]) throw new ShapeError(`fit: ${what} X has ${x.shape[0]} rows but y has ${y.shape[0]}`);
}

function resolveSettings(options: FitOptions, x: Tensor, y: Tensor): Settings {
  if (!options.objective && options.loss === undefined) throw new ArgumentError('fit: give a loss (or an objective)');
  const objective = options.objective ?? Objective.from({ loss: options.loss as string, l2: options.l2 });
  const epochs = options.epochs ?? FIT_DEFAULTS.epochs;
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new ArgumentError(`fit: epochs must be a non-negative integer, got ${epochs}`);
  const batchSize = options.batchSize ?? FIT_DEFAULTS.batchSize;
  if (!(batchSize >= 1 && (Number.isInteger(batchSize) || batchSize === Number.POSITIVE_INFINITY)))
    throw new ArgumentError(`fit: batchSize must be a whole number ≥ 1 (or Infinity: full batch), got ${batchSize}`);
  const optimizer =
    typeof options.optimizer === 'object'
      ? options.optimizer
      : createOptimizer(options.optimizer ?? FIT_DEFAULTS.optimizer, {
          learningRate: options.learningRate ?? FIT_DEFAULTS.learningRate,
        });
  const root = new Generator(options.seed ?? FIT_DEFAULTS.seed);
  let shuffle = options.shuffle === false ? null : root.fork();
  let dropout = root.fork();
  const resume = options.resume;
  if (resume) {
    if (resume.format !== 'gradlab.training' || resume.version !== 1)
      throw new ArgumentError(
        'fit: resume needs a training state written by gradlab (format gradlab.training, version 1)',
      );
    if ((resume.shuffle === null) !== (shuffle === null))
      throw new ArgumentError('fit: resume with the same shuffle setting as the interrupted run');
    shuffle = resume.shuffle ? Generator.fromState(resume.shuffle) : null;
    dropout = Generator.fromState(resume.dropout);
  }
  // Built-in behaviour is made of callbacks too: divergence first (it restores before others look),
  // then early stopping, the progress bar, and the user's own.
  const callbacks: FitCallback[] = [];
  if (options.divergence !== false) callbacks.push(divergenceGuard(options.divergence ?? {}));
  const early = options.earlyStopping === true ? {} : options.earlyStopping || null;
  if (early) callbacks.push(earlyStopping(early, Boolean(options.validation)));
  if (!options.quiet) callbacks.push(progressBar(options.progress));
  if (!options.quiet && options.diagnose !== false) callbacks.push(initialDiagnosis(x, y));
  callbacks.push(...(options.callbacks ?? []));
  return {
    objective,
    optimizer,
    epochs,
    batchSize,
    exactEvery:
      (options.trainingMetrics ?? FIT_DEFAULTS.trainingMetrics) === 'exact'
        ? Math.max(1, options.evaluateEvery ?? FIT_DEFAULTS.evaluateEvery)
        : null,
    shuffle,
    dropout,
    callbacks,
    initialLearningRate: resume?.initialLearningRate ?? optimizer.learningRate,
  };
}

/** The FitContext callbacks receive, and the loop's own view of epoch, step and stopping. */
class Run implements FitContext {
  readonly history: History = { steps: [], epochs: [], stopReason: 'completed', message: '', gradchecks: [] };
  epoch = 0;
  step = 0;
  stopped = false;

  constructor(
    readonly model: Sequential,
    readonly settings: Settings,
    private readonly quiet: boolean,
  ) {}

  get objective(): Objective {
    return this.settings.objective;
  }
  get optimizer(): Optimizer {
    return this.settings.optimizer;
  }
  get epochs(): number {
    return this.settings.epochs;
  }

  stop(reason: StopReason, message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.history.stopReason = reason;
    this.history.message = message;
    if (reason === 'diverged') this.warn(`gradlab: ${message}`);
  }

  snapshot(): ParameterSnapshot {
    return this.model.snapshot();
  }

  restore(snapshot: ParameterSnapshot): void {
    this.model.restore(snapshot);
  }

  warn(message: string): void {
    if (!this.quiet) console.warn(message);
  }

  trainingState(): TrainingState {
    const callbacks: Record<string, unknown> = {};
    this.each((c) => {
      if (c.name && c.saveState) callbacks[c.name] = c.saveState(this);
    });
    return {
      format: 'gradlab.training',
      version: 1,
      epoch: this.epoch + 1,
      step: this.step,
      initialLearningRate: this.settings.initialLearningRate,
      optimizer: this.settings.optimizer.getState(),
      shuffle: this.settings.shuffle?.getState() ?? null,
      dropout: this.settings.dropout.getState(),
      callbacks,
      history: structuredClone({
        ...this.history,
        gradchecks: this.history.gradchecks.map((c) => ({ ...c, report: null })),
      }),
    };
  }

  /** Continues from a saved state: position, history, optimizer and each named callback's own state. */
  resumeFrom(state: TrainingState): void {
    this.epoch = state.epoch;
    this.step = state.step;
    Object.assign(this.history, structuredClone(state.history));
    this.settings.optimizer.loadState(state.optimizer, this.model.parameters());
    this.each((c) => {
      if (c.name && c.loadState && state.callbacks[c.name] !== undefined) c.loadState(state.callbacks[c.name], this);
    });
  }

  each(fn: (callback: FitCallback) => void): void {
    for (const callback of this.settings.callbacks) fn(callback);
  }
}

/**
 * One optimization step on the rows `rows`. Its buffers are reused by the next step
 * (withBufferScope): only numbers and copies leave it, so the hot loop allocates nothing after the
 * first step. A NaN or infinite cost is never stepped on: the callbacks hear of it (divergenceGuard
 * stops and restores), and fit stops even when none does.
 */
function trainStep(run: Run, x: Tensor, y: Tensor, rows: Int32Array, totals: RunningTotals): void {
  const { model, settings } = run;
  withBufferScope(() => {
    const full = rows.length === x.shape[0] && !settings.shuffle;
    const batch: StepBegin = { x: full ? x : gatherRows(x, rows), y: full ? y : gatherRows(y, rows) };
    run.each((c) => c.onStepBegin?.(run, batch));
    if (run.stopped) return;
    const { objective, dataLoss, logits } = settings.objective.evaluate(model, batch.x, batch.y, {
      training: true,
      generator: settings.dropout,
    });
    const cost = objective.item();
    totals.add(rows.length, cost, dataLoss.item(), accuracyFromLogits(settings.objective.loss, logits, batch.y));
    const applied = Number.isFinite(cost);
    if (applied) {
      const params = model.parameters();
      const found = gradients(objective, params);
      settings.optimizer.step(
        params,
        params.map((p) => found.get(p)!),
      );
      run.history.steps.push(cost);
      run.step++;
    }
    const end: StepEnd = { epoch: run.epoch, step: run.step, cost, applied, batch };
    run.each((c) => c.onStepEnd?.(run, end));
    if (!applied)
      run.stop('diverged', `training stopped at epoch ${run.epoch + 1}, step ${run.step + 1}: the cost is ${cost}`);
  });
}

/** Sums over an epoch's mini-batches, weighted by their rows: the running means Keras reports. */
class RunningTotals {
  private rows = 0;
  private cost = 0;
  private data = 0;
  private correct = 0;
  private steps = 0;
  private costPerStep = 0;
  private classified = true;

  add(rows: number, cost: number, dataLoss: number, accuracy: number | null): void {
    this.rows += rows;
    this.cost += cost * rows;
    this.data += dataLoss * rows;
    this.steps++;
    this.costPerStep += cost;
    if (accuracy === null) this.classified = false;
    else this.correct += accuracy * rows;
  }

  /** The mean objective per step (what divergence detection compares across epochs). */
  get batchLoss(): number {
    return this.costPerStep / this.steps;
  }

  record(epoch: number): Pick<EpochRecord, 'loss' | 'dataLoss' | 'accuracy' | 'exact' | 'epoch'> {
    return {
      epoch,
      loss: this.cost / this.rows,
      dataLoss: this.data / this.rows,
      accuracy: this.classified ? this.correct / this.rows : null,
      exact: false,
    };
  }
}

/**
 * The epoch's record: running means of its mini-batches, or (when `exact`) the whole training set
 * evaluated at its end; the validation set, when given, always evaluated.
 */
function epochRecord(
  run: Run,
  data: { x: Tensor; y: Tensor; validation: FitOptions['validation'] },
  totals: RunningTotals,
  exact: boolean,
  started: number,
): EpochRecord {
  const { x, y, validation } = data;
  const train = exact ? evaluate(run.model, x, y, run.objective) : null;
  const record: EpochRecord = {
    ...totals.record(run.epoch + 1),
    ...(train && { loss: train.objective, dataLoss: train.dataLoss, accuracy: train.accuracy, exact: true }),
    batchLoss: totals.batchLoss,
    learningRate: run.optimizer.learningRate,
    seconds: (performance.now() - started) / 1000,
  };
  if (validation) {
    const val = evaluate(run.model, validation.x, validation.y, run.objective);
    record.valLoss = val.objective;
    record.valAccuracy = val.accuracy;
  }
  return record;
}

/**
 * Trains `model` in place on (x, y) with seeded mini-batches and returns the history. Progress,
 * early stopping, divergence detection and the user's hooks are callbacks (see FitCallback). A
 * diverging cost (NaN, infinite, or growing: see divergenceGuard) stops training with a message and
 * puts back the best parameters seen at an epoch end.
 */
export function fit(model: Sequential, x: Tensor, y: Tensor, options: FitOptions): History {
  checkData(model, x, y, 'training');
  if (options.validation) checkData(model, options.validation.x, options.validation.y, 'validation');
  const settings = resolveSettings(options, x, y);
  const run = new Run(model, settings, Boolean(options.quiet));
  const data = { x, y, validation: options.validation };
  run.each((c) => c.onTrainBegin?.(run));
  if (options.resume) run.resumeFrom(options.resume);
  try {
    for (; run.epoch < settings.epochs && !run.stopped; run.epoch++) {
      const started = performance.now();
      if (options.schedule) settings.optimizer.learningRate = options.schedule(run.epoch, settings.initialLearningRate);
      const totals = new RunningTotals();
      for (const rows of batchIndices(x.shape[0], settings.batchSize, settings.shuffle)) {
        trainStep(run, x, y, rows, totals);
        if (run.stopped) break;
      }
      if (run.stopped) break;
      const last = run.epoch === settings.epochs - 1;
      const exact = settings.exactEvery !== null && (last || (run.epoch + 1) % settings.exactEvery === 0);
      const record = epochRecord(run, data, totals, exact, started);
      run.history.epochs.push(record);
      run.each((c) => c.onEpochEnd?.(run, { epoch: run.epoch, batchLoss: record.batchLoss, record }));
    }
  } finally {
    run.each((c) => c.onTrainEnd?.(run));
  }
  return run.history;
}
