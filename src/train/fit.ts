import { gradients } from '../autograd/index.js';
import { ArgumentError, ShapeError, formatShape } from '../errors.js';
import { gradcheck, type CheckMode } from '../gradcheck/index.js';
import { computeObjective, parseLoss, type LossName, type Sequential } from '../nn/index.js';
import { gatherRows } from '../ops/index.js';
import { createOptimizer, type LearningRateSchedule, type Optimizer } from '../optim/index.js';
import { Generator } from '../random/index.js';
import { withBufferScope, type Tensor } from '../tensor/index.js';
import { batchIndices } from './batches.js';
import type { EpochRecord, History } from './history.js';
import { evaluate } from './metrics.js';
import { createProgress } from './progress.js';

export interface StepInfo {
  epoch: number;
  step: number;
  cost: number;
}

export interface Callbacks {
  /** After each optimization step. Return false to stop training. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback may return nothing
  onStep?(info: StepInfo, model: Sequential): void | boolean;
  /** After each epoch's evaluation. Return false to stop training. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback may return nothing
  onEpochEnd?(record: EpochRecord, model: Sequential): void | boolean;
  /** Before each optimization step (e.g. a gradient check); return a message to stop training. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback may return nothing
  beforeStep?(step: number, model: Sequential, batch: { x: Tensor; y: Tensor }): string | void;
}

export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping (default 10). */
  patience?: number;
  /** Smallest decrease that counts as improvement (default 0). */
  minDelta?: number;
  /** 'valLoss' when validation data is given, else 'loss'. */
  monitor?: 'loss' | 'valLoss';
  /** Put back the parameters of the best epoch (default true). */
  restoreBest?: boolean;
}

export interface FitOptions {
  loss: LossName | string;
  /** An Optimizer, or a name (sgd, momentum, nesterov, rmsprop, adam) used with learningRate. */
  optimizer?: Optimizer | string;
  learningRate?: number;
  epochs?: number;
  /** Mini-batch size (default 32); Infinity or ≥ m for full-batch gradient descent. */
  batchSize?: number;
  l2?: number;
  /** Seeds shuffling and dropout masks (default 0). */
  seed?: number;
  shuffle?: boolean;
  validation?: { x: Tensor; y: Tensor };
  schedule?: LearningRateSchedule;
  earlyStopping?: EarlyStoppingOptions | boolean;
  callbacks?: Callbacks[];
  /** Evaluate the whole training set every N epochs (default 1; the last epoch always). */
  evaluateEvery?: number;
  /** Progress bar on stderr (default: when stderr is a terminal and not quiet). */
  progress?: boolean;
  /** No progress bar and no messages on stderr. */
  quiet?: boolean;
  /**
   * Check gradients on the current mini-batch before the given steps (e.g. [0, 100]: at
   * initialization and after some training, as the course advises). Results go in the history; a
   * 'fail' stops training with a message.
   */
  gradcheck?: { at: number[]; mode?: CheckMode; epsilon?: number; dropout?: 'off' | 'frozen'; samples?: number };
}

function checkData(model: Sequential, x: Tensor, y: Tensor, what: string): void {
  if (x.rank !== 2 || x.shape[1] !== model.inputSize) {
    throw new ShapeError(`fit: ${what} X must be [m, ${model.inputSize}] for this model, got ${formatShape(x.shape)}`);
  }
  if (y.shape[0] !== x.shape[0]) throw new ShapeError(`fit: ${what} X has ${x.shape[0]} rows but y has ${y.shape[0]}`);
}

function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/**
 * Trains `model` in place on (x, y) with seeded mini-batches and returns the history. A NaN or
 * infinite cost stops training with a message naming the epoch and step, and puts back the last
 * parameters whose cost was finite.
 */
export function fit(model: Sequential, x: Tensor, y: Tensor, options: FitOptions): History {
  const loss = parseLoss(options.loss);
  checkData(model, x, y, 'training');
  if (options.validation) checkData(model, options.validation.x, options.validation.y, 'validation');
  const epochs = options.epochs ?? 10;
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new ArgumentError(`fit: epochs must be a non-negative integer, got ${epochs}`);
  const m = x.shape[0];
  const batchSize = options.batchSize ?? 32;
  if (!(batchSize >= 1)) throw new ArgumentError(`fit: batchSize must be ≥ 1, got ${batchSize}`);
  const optimizer =
    typeof options.optimizer === 'object'
      ? options.optimizer
      : createOptimizer(options.optimizer ?? 'sgd', { learningRate: options.learningRate ?? 0.01 });
  const initialRate = optimizer.learningRate;
  const root = new Generator(options.seed ?? 0);
  const shuffleGen = options.shuffle === false ? null : root.fork();
  const dropoutGen = root.fork();
  const l2 = options.l2 ?? 0;
  const evaluateEvery = Math.max(1, options.evaluateEvery ?? 1);
  const callbacks = [...(options.callbacks ?? [])];
  const early = options.earlyStopping === true ? {} : options.earlyStopping || null;
  const monitor = early?.monitor ?? (options.validation ? 'valLoss' : 'loss');
  const patience = early?.patience ?? 10;
  const minDelta = early?.minDelta ?? 0;

  const named = model.namedParameters();
  const params = named.map(([, t]) => t);
  const lastGood = model.snapshot();
  const lastGoodBuffers = named.map(([name]) => lastGood.get(name)!);
  let best: { value: number; epoch: number; snapshot: ReturnType<Sequential['snapshot']> } | null = null;
  const history: History = { steps: [], epochs: [], stopReason: 'completed', message: '', gradchecks: [] };
  const progress = createProgress(epochs, 'train', options.quiet ? false : options.progress);
  const warn = (text: string) => {
    if (!options.quiet) console.warn(text);
  };

  if (options.gradcheck) {
    const check = options.gradcheck;
    callbacks.unshift({
      beforeStep(at, current, batch) {
        if (!check.at.includes(at)) return;
        const report = gradcheck(current, batch.x, batch.y, {
          loss,
          l2,
          mode: check.mode ?? 'sampled',
          epsilon: check.epsilon,
          dropout: check.dropout,
          samples: check.samples,
          seed: at,
        });
        history.gradchecks.push({ step: at, verdict: report.verdict, difference: report.difference, report });
        if (report.verdict !== 'fail') return;
        const worst = [...report.parameters].sort((a, b) => b.difference - a.difference)[0];
        return `gradient check failed before step ${at + 1}: difference ${report.difference.toExponential(2)}, worst in ${worst.name} (${worst.difference.toExponential(2)})`;
      },
    });
  }

  let step = 0;
  let sinceBest = 0;
  try {
    training: for (let epoch = 0; epoch < epochs; epoch++) {
      const started = performance.now();
      if (options.schedule) optimizer.learningRate = options.schedule(epoch, initialRate);
      for (const rows of batchIndices(m, batchSize, shuffleGen)) {
        // One optimization step. Its buffers are reused by the next step (withBufferScope): only
        // numbers and copies leave it, so the hot loop allocates nothing after the first step.
        const outcome = withBufferScope((): 'next' | 'stop' => {
          const full = rows.length === m && !shuffleGen;
          const xb = full ? x : gatherRows(x, rows);
          const yb = full ? y : gatherRows(y, rows);
          for (const cb of callbacks) {
            const stop = cb.beforeStep?.(step, model, { x: xb, y: yb });
            if (stop) {
              history.stopReason = 'gradcheckFailed';
              history.message = stop;
              return 'stop';
            }
          }
          const { objective } = computeObjective(
            model,
            xb,
            yb,
            { loss, l2 },
            { training: true, generator: dropoutGen },
          );
          const cost = objective.item();
          if (!Number.isFinite(cost)) {
            model.restore(lastGood);
            const badRow = firstNonFinite(xb.data);
            const cause =
              badRow >= 0
                ? ` (the batch holds ${xb.data[badRow]} in its inputs)`
                : ' (the parameters diverged: try a smaller learning rate)';
            history.stopReason = 'diverged';
            history.message = `training stopped at epoch ${epoch + 1}, step ${step + 1}: the cost is ${cost}${cause}; the parameters of the last finite step were restored`;
            warn(`gradlab: ${history.message}`);
            return 'stop';
          }
          params.forEach((p, i) => lastGoodBuffers[i].set(p.data));
          const found = gradients(objective, params);
          optimizer.step(
            params,
            params.map((p) => found.get(p)!),
          );
          history.steps.push(cost);
          step++;
          for (const cb of callbacks) {
            if (cb.onStep?.({ epoch, step, cost }, model) === false) {
              history.message = 'stopped by a callback';
              return 'stop';
            }
          }
          return 'next';
        });
        if (outcome === 'stop') break training;
      }
      const last = epoch === epochs - 1;
      if (!last && (epoch + 1) % evaluateEvery !== 0 && !early) continue;
      const train = evaluate(model, x, y, { loss, l2 });
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: train.objective,
        dataLoss: train.dataLoss,
        accuracy: train.accuracy,
        learningRate: optimizer.learningRate,
        seconds: (performance.now() - started) / 1000,
      };
      if (options.validation) {
        const val = evaluate(model, options.validation.x, options.validation.y, { loss, l2 });
        record.valLoss = val.objective;
        record.valAccuracy = val.accuracy;
      }
      history.epochs.push(record);
      progress.update(epoch + 1, {
        loss: record.loss.toPrecision(4),
        acc: record.accuracy === null ? '-' : record.accuracy.toFixed(3),
      });
      for (const cb of callbacks) {
        if (cb.onEpochEnd?.(record, model) === false) {
          history.message = 'stopped by a callback';
          break training;
        }
      }
      if (early) {
        const value = monitor === 'valLoss' ? (record.valLoss ?? record.loss) : record.loss;
        if (!best || value < best.value - minDelta) {
          best = { value, epoch: epoch + 1, snapshot: model.snapshot() };
          sinceBest = 0;
        } else if (++sinceBest >= patience) {
          history.stopReason = 'earlyStopping';
          history.message = `early stopping at epoch ${epoch + 1}: ${monitor} did not improve for ${patience} epochs (best ${best.value.toPrecision(6)} at epoch ${best.epoch})`;
          if (early.restoreBest ?? true) {
            model.restore(best.snapshot);
            history.bestEpoch = best.epoch;
          }
          break;
        }
      }
    }
  } finally {
    progress.stop();
  }
  return history;
}
