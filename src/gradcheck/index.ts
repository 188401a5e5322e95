export { checkGrad, type CheckGradOptions } from './checkGrad.js';
export {
  DEFAULT_CHECK_MODE,
  runCheck,
  type CheckMode,
  type CheckOptions,
  type CheckReport,
  type CheckTarget,
  type TensorReport,
  type WorstEntry,
  type Objective,
} from './core.js';
export { DEFAULT_EPSILON, checkEpsilon, parseEpsilon, type Epsilon } from './epsilon.js';
export {
  relativeDifference,
  verdictFor,
  worstVerdict,
  DEFAULT_THRESHOLDS,
  type Thresholds,
  type Verdict,
} from './verdict.js';
export { parametersToVector, vectorToParameters, tensorsToVector, thetaLayout } from './theta.js';
export { gradcheck, type GradcheckOptions, type GradcheckReport } from './modelCheck.js';
export { plantBug, parseBug, bugSize, BUG_KINDS, type BugKind, type PlantedBug } from './bugs.js';
export { formatReport } from './format.js';
export { gradcheckDuringTraining, type TrainingCheckOptions } from './duringTraining.js';
