export type { FloatArray } from './types.js';
export { mapUnary, binaryBroadcast, selectBroadcast, type UnaryFn, type BinaryFn } from './elementwise.js';
export { sumAxes, maxAxes } from './reduce.js';
export { matmulJs } from './matmul.js';
export { matmul } from './dispatch.js';
export { setKernelBackend, kernelBackend, type KernelBackend } from './backend.js';
export type { Epilogue } from './wasm/gemm.js';
export { logSoftmax } from './softmax.js';
export { tanhKernel, expKernel, rankOneRows } from './wasm/activations.js';
export {
  addRowVector,
  biasActivate,
  activationGrad,
  stableSigmoid,
  type DenseActivation,
} from './activation.js';
export { permute, gatherRows, scatterAddRows, copyAxisBlock } from './layout.js';
export {
  registerMatmulHelper,
  setMatmulThreads,
  matmulThreads,
  PARALLEL_MATMUL_THRESHOLD,
  setParallelMatmulThreshold,
  type MatmulHelper,
} from './threads.js';
export {
  createSharedGemmMemory,
  instantiateSharedGemm,
  SharedGemm,
  helpWithProduct,
  CONTROL,
  CONTROL_SLOTS,
} from './wasm/sharedGemm.js';
export { runMatmulHelper } from './matmulHelperLoop.js';
export {
  enableBrowserMatmulThreads,
  serveMatmulHelper,
  type BrowserMatmulThreads,
  type MatmulHelperWorker,
} from './browserThreads.js';
