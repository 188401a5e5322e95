// The course's experiments, each returning plain JSON results.
export * from './compareInit.js';
export * from './depth.js';
export * from './gradcheckDemo.js';
export * from './initSample.js';
export * from './lab.js';
export * from './normalization.js';
