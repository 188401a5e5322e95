import { registerWorkerThreads } from './gradcheckWorkers.js';
import { setProgressFactory } from '../train/progress.js';
import { terminalProgress } from './terminalProgress.js';

/**
 * On Node: progress bars in the terminal, and worker threads for large gradient checks. The core
 * modules themselves import nothing Node-only, so that they also run in browsers; the package entry
 * point and the CLI call this.
 */
export function installNodeIntegrations(): void {
  setProgressFactory(terminalProgress);
  registerWorkerThreads();
}
