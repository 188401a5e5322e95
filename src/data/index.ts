export { type Dataset, type Task, taskOf } from './dataset.js';
export {
  circles,
  moons,
  spirals,
  xor,
  blobs,
  scaledRegression,
  SYNTHETIC,
  type SyntheticName,
  type SyntheticOptions,
} from './synthetic.js';
export { StandardScaler, type StandardScalerOptions, type StandardScalerJSON } from './standardScaler.js';
export { MinMaxScaler, type MinMaxScalerOptions, type MinMaxScalerJSON } from './minMaxScaler.js';
export { scalerFromJSON, type Scaler, type ScalerJSON } from './scaler.js';
export { mergeScalers } from './mergeScalers.js';
export type { MatrixLike } from './matrix.js';
export { parseCsv, type CsvOptions, type CsvLayout } from './csv.js';
export {
  REAL_DATASETS,
  SYNTHETIC_DESCRIPTIONS,
  isRealDataset,
  isSyntheticDataset,
  type RealDatasetName,
} from './catalog.js';
export { trainTestSplit, splitDataset, oneHot, type SplitOptions, type Split } from './split.js';
export { parseTable, checkHeader, columnIndex, selectRows, tableFromColumns, type Table } from './table.js';
export { matchColumns, type ColumnMatch } from './columns.js';
export {
  inferTask,
  classOrder,
  lossForTask,
  checkLossFits,
  MAX_INFERRED_CLASSES,
  type TaskKind,
  type TaskOptions,
} from './task.js';
export {
  fitInputEncoding,
  encodeInputs,
  encodedFeatureNames,
  rowsWithoutMissing,
  type ColumnEncoding,
  type InputEncoding,
  type MissingPolicy,
  type UnknownPolicy,
} from './encoding.js';
