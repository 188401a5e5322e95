import {
  type FitCallback,
  type FitContext,
  type ParameterSnapshot,
  type StepEnd,
  snapshotFromJSON,
  snapshotToJSON,
} from './callbacks.js';

export interface DivergenceOptions {
  /** Stop when a cost exceeds this multiple of the first epoch's mean batch cost (default 1e3). */
  factor?: number;
  /** Stop when the epoch's mean batch cost stays above the first epoch's this many epochs in a row (default 5). */
  patience?: number;
}

export const DIVERGENCE_DEFAULTS: Required<DivergenceOptions> = { factor: 1e3, patience: 5 };

/**
 * Stops training that diverges, and puts back the best parameters seen at an epoch end (or the
 * initial ones). Diverging means: a NaN or infinite cost; a cost above `factor` × the first epoch's
 * mean batch cost (within the first epoch, × the first step's); or an epoch mean above the first
 * epoch's for `patience` epochs in a row. A cost that only grows is not "completed" training.
 */
export function divergenceGuard(options: DivergenceOptions = {}): FitCallback {
  const factor = options.factor ?? DIVERGENCE_DEFAULTS.factor;
  const patience = options.patience ?? DIVERGENCE_DEFAULTS.patience;
  let reference = Number.NaN;
  let rising = 0;
  // An epoch's mean batch cost scores the parameters it started from (exactly so in full-batch
  // descent, where it is their cost): `start` holds those, taken at the previous epoch end (epoch 0:
  // the initial parameters), and `best` the best-scored of them.
  let start: { epoch: number; snapshot: ParameterSnapshot } | null = null;
  let best: { cost: number; epoch: number; snapshot: ParameterSnapshot } | null = null;

  const stop = (context: FitContext, where: string, why: string) => {
    const finiteSeen = Number.isFinite(reference);
    let outcome = 'no finite cost was ever computed, so there is nothing to keep';
    if (finiteSeen && best) {
      context.restore(best.snapshot);
      context.history.restoredEpoch = best.epoch;
      outcome =
        best.epoch === 0
          ? 'the initial parameters were restored'
          : `the parameters of epoch ${best.epoch} (mean batch cost ${best.cost.toPrecision(4)}) were restored`;
    }
    context.history.finiteCostSeen = finiteSeen;
    context.stop('diverged', `training diverged at ${where}: ${why}; ${outcome}`);
  };

  return {
    name: 'divergenceGuard',
    saveState: () => ({
      reference,
      rising,
      best: best && { cost: best.cost, epoch: best.epoch, snapshot: snapshotToJSON(best.snapshot) },
    }),
    loadState(saved, context) {
      const state = saved as { reference: number | null; rising: number; best: SavedBest | null };
      // JSON has no NaN or Infinity: null stands for "not yet known" and for +∞.
      reference = state.reference ?? Number.NaN;
      rising = state.rising;
      best = state.best && {
        cost: state.best.cost ?? Number.POSITIVE_INFINITY,
        epoch: state.best.epoch,
        snapshot: snapshotFromJSON(state.best.snapshot, context.model),
      };
    },
    onTrainBegin(context) {
      start = { epoch: 0, snapshot: context.snapshot() };
      best = { cost: Number.POSITIVE_INFINITY, ...start };
    },
    onStepEnd(context, step: StepEnd) {
      const where = `epoch ${step.epoch + 1}, step ${step.applied ? context.step : context.step + 1}`;
      if (!Number.isFinite(step.cost)) {
        const badInput = firstNonFinite(step.batch.x.data);
        const cause =
          badInput >= 0
            ? `the cost is ${step.cost} (the batch holds ${step.batch.x.data[badInput]} in its inputs)`
            : `the cost is ${step.cost} (the parameters diverged: try a smaller learning rate)`;
        stop(context, where, cause);
        return;
      }
      if (Number.isNaN(reference)) reference = step.cost;
      if (step.cost > factor * reference) {
        stop(
          context,
          where,
          `the cost ${step.cost.toPrecision(4)} is above ${factor} × the first epoch's ${reference.toPrecision(4)} ` +
            '(the parameters diverged: try a smaller learning rate)',
        );
      }
    },
    onEpochEnd(context, end) {
      if (context.stopped) return;
      if (end.epoch === 0) reference = end.batchLoss;
      rising = end.batchLoss > reference ? rising + 1 : 0;
      if (start && end.batchLoss <= (best?.cost ?? Number.POSITIVE_INFINITY)) best = { cost: end.batchLoss, ...start };
      start = { epoch: end.epoch + 1, snapshot: context.snapshot() };
      if (rising >= patience) {
        stop(
          context,
          `epoch ${end.epoch + 1}`,
          `the mean batch cost stayed above the first epoch's ${reference.toPrecision(4)} for ${patience} epochs`,
        );
      }
    },
  };
}

interface SavedBest {
  cost: number | null;
  epoch: number;
  snapshot: Record<string, number[]>;
}

function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}
