/**
 * gradlab: train deep networks well in TypeScript, and prove their gradients are right.
 * The public API, layer by layer; README.md has a runnable example for every function.
 */
export {
  GradlabError,
  ShapeError,
  DTypeError,
  DataError,
  ModelFormatError,
  DivergenceError,
  ArgumentError,
} from './errors.js';
export { Generator, type Seed } from './random/index.js';

// Tensors and ops
export {
  Tensor,
  tensor,
  zeros,
  ones,
  full,
  arange,
  eye,
  randn,
  rand,
  zerosLike,
  onesLike,
  type DType,
  type NestedArray,
} from './tensor/index.js';
export {
  add,
  sub,
  mul,
  div,
  neg,
  pow,
  square,
  exp,
  log,
  sqrt,
  abs,
  matmul,
  linear,
  linearActivation,
  sum,
  mean,
  max,
  relu,
  leakyRelu,
  sigmoid,
  tanh,
  logSoftmax,
  softmax,
  sigmoidCrossEntropy,
  where,
  mask,
  clip,
  broadcastTo,
  reshape,
  flatten,
  transpose,
  gatherRows,
  sliceRows,
  concat,
  astype,
  greater,
  less,
  equal,
  argmax,
  type Operand,
  type MatmulOptions,
  type ReduceOptions,
} from './ops/index.js';

// Autodiff
export {
  backward,
  gradients,
  grad,
  valueAndGrad,
  noGrad,
  customOp,
  type CustomOpDefinition,
  type OpContext,
  type ValueAndGrad,
} from './autograd/index.js';

// Gradient checking
export {
  checkGrad,
  gradcheck,
  parametersToVector,
  vectorToParameters,
  tensorsToVector,
  thetaLayout,
  relativeDifference,
  formatReport,
  BUG_KINDS,
  DEFAULT_THRESHOLDS,
  type CheckGradOptions,
  type GradcheckOptions,
  type GradcheckReport,
  type CheckReport,
  type TensorReport,
  type WorstEntry,
  type CheckMode,
  type Verdict,
  type Thresholds,
  type BugKind,
  type PlantedBug,
} from './gradcheck/index.js';

// Initialization
export {
  calculateGain,
  computeFans,
  getInitializer,
  constant,
  identity,
  randomNormal,
  randomUniform,
  truncatedNormal,
  varianceScaling,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  glorotNormal,
  glorotUniform,
  kaimingNormal,
  kaimingUniform,
  xavierNormal,
  xavierUniform,
  orthogonal,
  INITIALIZER_NAMES,
  TRUNCATED_NORMAL_STD,
  type Initializer,
  type InitializerSpec,
  type Nonlinearity,
  type FanMode,
  type Distribution,
} from './init/index.js';

// Networks
export {
  Module,
  Layer,
  Dense,
  Activation,
  Dropout,
  Sequential,
  buildMlp,
  binaryCrossEntropy,
  softmaxCrossEntropy,
  meanSquaredError,
  computeObjective,
  lsuv,
  modelToJSON,
  modelFromJSON,
  cloneModel,
  ACTIVATIONS,
  LOSSES,
  type ActivationName,
  type LossName,
  type DenseOptions,
  type SequentialOptions,
  type ForwardContext,
  type MlpOptions,
  type ModelFile,
  type ModelExtras,
  type LoadedModel,
  type LsuvOptions,
  type LsuvLayerResult,
  type ObjectiveResult,
} from './nn/index.js';

export { saveModel, loadModel } from './nn/files.js';

// Optimizers and training
export {
  Optimizer,
  SGD,
  RMSprop,
  Adam,
  createOptimizer,
  stepDecay,
  exponentialDecay,
  inverseTimeDecay,
  OPTIMIZERS,
  type LearningRateSchedule,
} from './optim/index.js';
export {
  fit,
  evaluate,
  type FitOptions,
  type Callbacks,
  type History,
  type EpochRecord,
  type Evaluation,
  type EarlyStoppingOptions,
} from './train/index.js';

// Data
export {
  StandardScaler,
  MinMaxScaler,
  scalerFromJSON,
  readCsv,
  parseCsv,
  forEachCsvChunk,
  writeCsv,
  loadDataset,
  circles,
  moons,
  spirals,
  xor,
  blobs,
  scaledRegression,
  trainTestSplit,
  splitDataset,
  oneHot,
  REAL_DATASETS,
  type Dataset,
  type Scaler,
  type CsvOptions,
  type SplitOptions,
  type StandardScalerOptions,
  type MinMaxScalerOptions,
} from './data/index.js';

// Diagnostics
export {
  layerStatistics,
  diagnose,
  initializerFor,
  type LayerStatistics,
  type Diagnosis,
} from './diagnostics/index.js';

// Experiments (the lab) and the report
export {
  runTraining,
  runGradcheck,
  runCompareInit,
  runDepthExperiment,
  runLinearDepth,
  runNormalizationExperiment,
  runGradcheckDemo,
  runLab,
  sampleInitializer,
  loadTrainedModel,
  saveTrainedModel,
  evaluateTrained,
  predictTrained,
  type LabResults,
  type TrainedModel,
  type TrainRunOptions,
  type DepthResult,
  type NormalizationResult,
  type CompareInitResult,
} from './experiments/index.js';
export { writeReport, buildCharts, renderSvg } from './report/index.js';
export { writeFileAtomic } from './io/atomicWrite.js';

import { installNodeIntegrations } from './nodeIntegrations.js';

installNodeIntegrations();
