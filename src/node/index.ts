// Everything that needs Node: files, bundled datasets, terminal progress, worker threads, the
// playground's HTTP server. The core never imports this folder.
export { ensureDirectory, writeFileAtomic, writeFileAtomicStreaming } from './atomicWrite.js';
export { forEachTableChunk } from './tableChunks.js';
export { forEachCsvChunk, readCsv, readTable, sha256, writeCsv } from './csvFiles.js';
export { datasetsDirectory, type LoadOptions, loadDataset } from './datasets.js';
export { registerWorkerThreads } from './gradcheckWorkers.js';
export { installNodeIntegrations } from './integrations.js';
export { loadModel, readModelJson, saveModel } from './modelFiles.js';
export { gradlabVersion } from './packageInfo.js';
export { createPlaygroundServer, PLAYGROUND_CSP, playgroundRoot } from './playgroundServer.js';
export { terminalProgress } from './terminalProgress.js';
