import type { FitCallback } from '../train/index.js';
import type { CheckMode } from './core.js';
import { gradcheck } from './modelCheck.js';

/** When `gradcheckDuringTraining` checks (steps), in which mode, and whether a failure stops training. */
export interface TrainingCheckOptions {
  /** Steps before which to check (e.g. [0, 100]: at initialization and after some training, as the course advises). */
  at: number[];
  mode?: CheckMode;
  epsilon?: number;
  dropout?: 'off' | 'frozen';
  samples?: number;
}

/**
 * A fit callback that checks gradients on the current mini-batch before the given steps, with the
 * training objective (regularization included). Results go in `history.gradchecks`; a `fail` stops
 * training with a message naming the worst tensor.
 */
export function gradcheckDuringTraining(options: TrainingCheckOptions): FitCallback {
  return {
    onStepBegin(context, batch) {
      const at = context.step;
      if (!options.at.includes(at)) return;
      const report = gradcheck(context.model, batch.x, batch.y, {
        objective: context.objective,
        mode: options.mode ?? 'sampled',
        epsilon: options.epsilon,
        dropout: options.dropout,
        samples: options.samples,
        seed: at,
      });
      context.history.gradchecks.push({ step: at, verdict: report.verdict, difference: report.difference, report });
      if (report.verdict !== 'fail') return;
      const worst = [...report.parameters].sort((a, b) => b.difference - a.difference)[0];
      context.stop(
        'gradcheckFailed',
        `gradient check failed before step ${at + 1}: difference ${report.difference.toExponential(2)}, ` +
          `worst in ${worst.name} (${worst.difference.toExponential(2)})`,
      );
    },
  };
}
