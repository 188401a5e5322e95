import type { FitCallback } from './callbacks.js';

export interface Progress {
  update(epoch: number, values: Record<string, string>): void;
  stop(): void;
}

export type ProgressFactory = (total: number, label: string, enabled: boolean | undefined) => Progress;

const silent: Progress = { update: () => {}, stop: () => {} };

let factory: ProgressFactory = () => silent;

/** How fit shows progress: silent by default; the Node entry point registers a terminal bar. */
export function setProgressFactory(next: ProgressFactory): void {
  factory = next;
}

export function createProgress(total: number, label: string, enabled: boolean | undefined): Progress {
  return factory(total, label, enabled);
}

/** A progress bar over the epochs (the registered one: a terminal bar on Node, silent elsewhere). */
export function progressBar(enabled: boolean | undefined): FitCallback {
  let bar: Progress = silent;
  return {
    onTrainBegin(context) {
      bar = createProgress(context.epochs, 'train', enabled);
    },
    onEpochEnd(_context, { epoch, record }) {
      bar.update(epoch + 1, {
        loss: record.loss.toPrecision(4),
        acc: record.accuracy === null ? '-' : record.accuracy.toFixed(3),
      });
    },
    onTrainEnd() {
      bar.stop();
    },
  };
}
