// Everything that needs Node: files, bundled datasets, terminal progress, worker threads, the
// playground's HTTP server. The core never imports this folder.
export { ensureDirectory, writeFileAtomic, writeFileAtomicStreaming } from './atomicWrite.js';
export { forEachCsvChunk, readCsv, readTable } from './csvFiles.js';
export { writeCsv } from './tableWrite.js';
export { sha256 } from './hash.js';
export {
  forEachParquetChunk,
  forEachParquetRowGroup,
  isParquetPath,
  parquetCell,
  preloadParquet,
  preloadedParquet,
  readParquetTable,
} from './parquetFiles.js';
export { writeParquet } from './parquetWrite.js';
export { expandDataPaths } from './dataPaths.js';
export { forEachTableChunk } from './tableChunks.js';
export { datasetsDirectory, type LoadOptions, loadDataset } from './datasets.js';
export { registerWorkerThreads } from './gradcheckWorkers.js';
export { installNodeIntegrations } from './integrations.js';
export { loadModel, readModelJson, saveModel } from './modelFiles.js';
export { gradlabVersion } from './packageInfo.js';
export { createPlaygroundServer, PLAYGROUND_CSP, playgroundRoot } from './playgroundServer.js';
export { terminalProgress } from './terminalProgress.js';
export { readBinaryFile, readTfjsFolder, writeTfjsFolder } from './exchangeFiles.js';
