export { layerStatistics, type LayerStatistics } from './statistics.js';
export { inputStatistics, type FeatureStatistics } from './inputs.js';
export { outputStatistics, type OutputStatistics } from './outputs.js';
export {
  diagnose,
  factorText,
  FINDING_ORDER,
  type Diagnosis,
  type DiagnoseContext,
  type Evidence,
  type Finding,
  type FindingReport,
  type TrainingSettings,
} from './diagnose.js';
export { initializerFor, type Suggestion, type SuggestionAction } from './suggest.js';
export { DIAGNOSIS_THRESHOLDS, type DiagnosisThresholds } from './thresholds.js';
export {
  diagnoseNetwork,
  diagnoseAtInitialization,
  type DiagnoseSettings,
  type NetworkDiagnosis,
} from './atInitialization.js';
export { formatDiagnosis } from './format.js';
