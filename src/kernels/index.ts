export type { FloatArray } from './types.js';
export { mapUnary, binaryBroadcast, selectBroadcast, type UnaryFn, type BinaryFn } from './elementwise.js';
export { sumAxes, maxAxes } from './reduce.js';
export { matmulJs } from './matmul.js';
export { matmul, setKernelBackend, kernelBackend, type KernelBackend } from './dispatch.js';
export { logSoftmax } from './softmax.js';
export { tanhKernel } from './wasm/activations.js';
export { permute, gatherRows, scatterAddRows, copyAxisBlock } from './layout.js';
export {
  registerRowHelper,
  setMatmulThreads,
  matmulThreads,
  PARALLEL_MATMUL_THRESHOLD,
  setParallelMatmulThreshold,
  type RowHelper,
} from './threads.js';
