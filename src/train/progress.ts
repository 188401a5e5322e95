import cliProgress from 'cli-progress';

export interface Progress {
  update(epoch: number, values: Record<string, string>): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

/** A progress bar on stderr when it is a terminal (and not `quiet`); silent otherwise. */
export function createProgress(total: number, label: string, enabled: boolean | undefined): Progress {
  const on = enabled ?? Boolean(process.stderr.isTTY);
  if (!on) return silent;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} epochs | loss {loss} | acc {acc}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { loss: '-', acc: '-' });
  return {
    update: (epoch, values) => bar.update(epoch, values),
    stop: () => bar.stop(),
  };
}
