export type { FloatArray } from './types.js';
export { mapUnary, binaryBroadcast, selectBroadcast, type UnaryFn, type BinaryFn } from './elementwise.js';
export { sumAxes, maxAxes } from './reduce.js';
export { matmul } from './matmul.js';
export { logSoftmax } from './softmax.js';
export { permute, gatherRows, scatterAddRows, copyAxisBlock } from './layout.js';
