export { computeFans, type Fans } from './fans.js';
export { calculateGain, type Nonlinearity } from './gain.js';
export {
  type Initializer,
  type InitializerSpec,
  type InitConfig,
  type SampleOptions,
  makeInitializer,
} from './initializer.js';
export {
  constant,
  zeros as zerosInit,
  ones as onesInit,
  identity,
  identity as eyeInit,
  randomNormal,
  randomUniform,
  truncatedNormal,
  truncatedStdFactor,
} from './basic.js';
export {
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
  TRUNCATED_NORMAL_STD,
  type VarianceScalingOptions,
  type FanMode,
  type Distribution,
  type KaimingOptions,
} from './varianceScaling.js';
export { orthogonal } from './orthogonal.js';
export { getInitializer, INITIALIZER_NAMES } from './registry.js';
