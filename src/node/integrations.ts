import { registerWorkerThreads } from './gradcheckWorkers.js';
import { registerMatmulThreads } from './matmulThreads.js';
import { setProgressFactory } from '../train/progress.js';
import { terminalProgress } from './terminalProgress.js';

/**
 * On Node: progress bars in the terminal, worker threads for large gradient checks, and a second
 * thread for large matrix products. The core
 * modules themselves import nothing Node-only, so that they also run in browsers; the package entry
 * point and the CLI call this.
 */
export function installNodeIntegrations(): void {
  setProgressFactory(terminalProgress);
  registerWorkerThreads();
  registerMatmulThreads();
}
