export { checkGrad, type CheckGradOptions } from './checkGrad.js';
export { runCheck, type CheckMode, type CheckOptions, type CheckReport, type CheckTarget, type TensorReport, type WorstEntry } from './core.js';
export { relativeDifference, verdictFor, worstVerdict, DEFAULT_THRESHOLDS, type Thresholds, type Verdict } from './verdict.js';
