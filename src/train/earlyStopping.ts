import { type FitCallback, type ParameterSnapshot, snapshotFromJSON, snapshotToJSON } from './callbacks.js';

/** Early stopping: the quantity to watch, how many epochs without improvement to wait, the minimum improvement. */
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

export const EARLY_STOPPING_DEFAULTS = { patience: 10, minDelta: 0, restoreBest: true } as const;

/** Stops when the monitored loss has not improved for `patience` epochs, and puts back the best epoch's parameters. */
export function earlyStopping(options: EarlyStoppingOptions, hasValidation: boolean): FitCallback {
  const monitor = options.monitor ?? (hasValidation ? 'valLoss' : 'loss');
  const patience = options.patience ?? EARLY_STOPPING_DEFAULTS.patience;
  const minDelta = options.minDelta ?? EARLY_STOPPING_DEFAULTS.minDelta;
  const restoreBest = options.restoreBest ?? EARLY_STOPPING_DEFAULTS.restoreBest;
  let best: { value: number; epoch: number; snapshot: ParameterSnapshot } | null = null;
  let sinceBest = 0;
  return {
    name: 'earlyStopping',
    saveState: () => ({
      sinceBest,
      best: best && { value: best.value, epoch: best.epoch, snapshot: snapshotToJSON(best.snapshot) },
    }),
    loadState(saved, context) {
      const state = saved as {
        sinceBest: number;
        best: { value: number; epoch: number; snapshot: Record<string, number[]> } | null;
      };
      sinceBest = state.sinceBest;
      best = state.best && { ...state.best, snapshot: snapshotFromJSON(state.best.snapshot, context.model) };
    },
    onEpochEnd(context, { epoch, record }) {
      if (context.stopped) return;
      const value = monitor === 'valLoss' ? (record.valLoss ?? record.loss) : record.loss;
      if (!best || value < best.value - minDelta) {
        best = { value, epoch: epoch + 1, snapshot: context.snapshot() };
        sinceBest = 0;
        return;
      }
      if (++sinceBest < patience) return;
      if (restoreBest) {
        context.restore(best.snapshot);
        context.history.bestEpoch = best.epoch;
      }
      context.stop(
        'earlyStopping',
        `early stopping at epoch ${epoch + 1}: ${monitor} did not improve for ${patience} epochs ` +
          `(best ${best.value.toPrecision(6)} at epoch ${best.epoch})`,
      );
    },
  };
}
