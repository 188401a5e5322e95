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
