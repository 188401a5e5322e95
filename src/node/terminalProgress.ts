import cliProgress from 'cli-progress';
import type { Progress } from '../train/progress.js';

/** A cli-progress bar on stderr when it is a terminal (or when asked); silent otherwise. */
export function terminalProgress(total: number, label: string, enabled: boolean | undefined): Progress {
  const on = enabled ?? Boolean(process.stderr.isTTY);
  if (!on) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} epochs | loss {loss} | acc {acc}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { loss: '-', acc: '-' });
  return {
    update: (epoch, values) => bar.update(epoch, values),
    stop: () => bar.stop(),
  };
}
