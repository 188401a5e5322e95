export * from './trainedModel.js';
export * from './trainRun.js';
export * from './normalization.js';
export * from './gradcheckRun.js';
export * from './depth.js';
export * from './initSample.js';
