// What a saved model is (scaler + network + task, columns, provenance) and the services the CLI runs on it.
export * from './evaluateRun.js';
export * from './fitReport.js';
export * from './gradcheckRun.js';
export * from './modelFile.js';
export * from './tableData.js';
export * from './tables.js';
export * from './trainedModel.js';
export * from './trainRun.js';
export * from './trainResume.js';
export * from './trainSchedule.js';
export * from './modelBatch.js';
export * from './taskData.js';
