/**
 * gradlab: train deep networks well in TypeScript, and prove their gradients are right.
 * The public API, layer by layer (see README.md for a tour of each function).
 */
export * from './errors.js';
export * from './random/index.js';
export * from './tensor/index.js';
export * from './ops/index.js';
export * from './autograd/index.js';
export * from './gradcheck/index.js';
export * from './init/index.js';
export * from './nn/index.js';
export { writeFileAtomic } from './io/atomicWrite.js';
export * from './optim/index.js';
export * from './train/index.js';
export * from './data/index.js';
export * from './experiments/index.js';
export * from './diagnostics/index.js';
export * from './report/index.js';
