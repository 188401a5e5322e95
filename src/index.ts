/**
 * gradlab: train deep networks well in TypeScript, and prove their gradients are right.
 * The Node entry: the browser-safe core, plus files, bundled datasets, the CLI's services, the lab
 * and its report. docs/ has a runnable example for every function.
 */
export * from './browser.js';

// Node: files, bundled datasets
export {
  saveModel,
  loadModel,
  readCsv,
  forEachCsvChunk,
  writeCsv,
  loadDataset,
  writeFileAtomic,
  readParquetTable,
  forEachParquetRowGroup,
  preloadParquet,
  writeParquet,
  expandDataPaths,
} from './node/index.js';

// Services (what the CLI runs), experiments (the lab) and the report
export {
  runTraining,
  runGradcheck,
  loadTrainedModel,
  saveTrainedModel,
  evaluateTrained,
  predictTrained,
  alignFeatures,
  loadTable,
  evaluateTable,
  predictTable,
  trainedModelToJSON,
  trainedModelFromJSON,
  modelFileV2Schema,
  MODEL_FILE_VERSION,
  type TrainedModel,
  type TrainRunOptions,
  type TrainRunResult,
  type EvaluationResult,
  type PredictionTable,
  type ModelFileV2,
} from './pipeline/index.js';
export {
  runCompareInit,
  runDepthExperiment,
  runLinearDepth,
  runNormalizationExperiment,
  runGradcheckDemo,
  runLab,
  sampleInitializer,
  type LabResults,
  type DepthResult,
  type NormalizationResult,
  type CompareInitResult,
} from './experiments/index.js';
export { writeReport, buildCharts, renderSvg } from './report/index.js';

// Exchange: ONNX and TensorFlow.js, out and in
export {
  exportModel,
  importModel,
  exportRefusal,
  portableFromTrained,
  trainedFromPortable,
  toOnnx,
  fromOnnx,
  toTfjs,
  fromTfjs,
  type ExchangeFormat,
  type ExportResult,
  type PortableNetwork,
  type PortableStep,
  type TfjsArtifacts,
} from './exchange/index.js';

import { installNodeIntegrations } from './node/integrations.js';

installNodeIntegrations();
