import type { FitCallback, FitContext, TrainingState } from './callbacks.js';

/**
 * Hands a TrainingState (and the model, whose parameters belong with it) to `save` every `every`
 * epochs and at the last epoch: what `fit({ resume })` needs to continue bit for bit. Writing it to a
 * file (atomically, with the model) is the caller's part.
 */
export function checkpoints(options: {
  every: number;
  save: (state: TrainingState, context: FitContext) => void;
}): FitCallback {
  if (!(Number.isInteger(options.every) && options.every >= 1))
    throw new RangeError(`checkpoints: every must be a whole number of epochs ≥ 1, got ${options.every}`);
  return {
    onEpochEnd(context, { epoch }) {
      const last = epoch === context.epochs - 1;
      if (context.stopped || ((epoch + 1) % options.every !== 0 && !last)) return;
      options.save(context.trainingState(), context);
    },
  };
}
