// What a saved model is (scaler + network + metadata) and the services the CLI runs on it.
export * from './gradcheckRun.js';
export * from './trainedModel.js';
export * from './trainRun.js';
