export { Module } from './module.js';
export { Layer, type ForwardContext, type BuildOptions, type AffineForm, type ColumnMap } from './layer.js';
export { Dense, autoInitializer, type DenseOptions } from './dense.js';
export { Activation } from './activationLayer.js';
export { Dropout } from './dropout.js';
export { Sequential, type SequentialOptions, type ParameterSlot } from './sequential.js';
export { ACTIVATIONS, parseActivation, applyActivation, nonlinearityOf, type ActivationName } from './activations.js';
export {
  binaryCrossEntropy,
  softmaxCrossEntropy,
  meanSquaredError,
  oneHotLabels,
  parseLoss,
  LOSSES,
  type LossName,
} from './losses.js';
export {
  computeObjective,
  DEFAULT_L2,
  Objective,
  sumOfSquares,
  type ObjectiveOptions,
  type ObjectiveResult,
} from './objective.js';
export {
  isBuiltInLayer,
  layerFromConfig,
  layerRegistration,
  registerLayer,
  type LayerRegistration,
} from './layerRegistry.js';
export {
  modelToJSON,
  modelFromJSON,
  modelFromConfigs,
  cloneModel,
  modelFileSchema,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelFile,
  type LayerConfig,
  type ModelExtras,
  type LoadedModel,
} from './format.js';
export { buildMlp, type MlpOptions } from './mlp.js';
export { lsuv, type LsuvOptions, type LsuvLayerResult } from './lsuv.js';
export {
  assertParameterBudget,
  assertParameterCount,
  denseParameterCount,
  parameterBudget,
  setParameterBudget,
  DEFAULT_MAX_PARAMETERS,
} from './parameterBudget.js';
