// The matrix-product helper thread (see src/kernels/matmulHelperLoop.ts).
import { workerData } from 'node:worker_threads';
import { runMatmulHelper } from '../kernels/index.js';
import type { MatmulWorkerData } from './matmulThreads.js';

const { memory, control } = workerData as MatmulWorkerData;
runMatmulHelper(memory, new Int32Array(control));
