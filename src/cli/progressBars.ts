import cliProgress from 'cli-progress';

/** One progress bar per named task on stderr when it is a terminal; plain start/finish lines otherwise. */
export function taskProgress(
  names: Record<string, string>,
  quiet = false,
): { update(task: string, fraction: number): void; stop(): void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) {
    const started = new Set<string>();
    return {
      update(task, fraction) {
        if (fraction === 0 && !started.has(task)) {
          started.add(task);
          process.stderr.write(`running ${names[task] ?? task}…\n`);
        }
      },
      stop: () => {},
    };
  }
  const multi = new cliProgress.MultiBar(
    { format: '{label} [{bar}] {percentage}%', stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const width = Math.max(...Object.values(names).map((n) => n.length));
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(task, fraction) {
      let bar = bars.get(task);
      if (!bar) {
        bar = multi.create(100, 0, { label: (names[task] ?? task).padEnd(width) });
        bars.set(task, bar);
      }
      bar.update(Math.round(100 * fraction));
    },
    stop: () => multi.stop(),
  };
}
