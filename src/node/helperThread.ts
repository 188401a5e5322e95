// A thread of the pool (threadPool.ts). It serves gradient-check jobs, one message each, until it is made
// the matrix-product helper, which it then stays: that loop (src/kernels/matmulHelperLoop.ts) is
// synchronous and never returns.
import { parentPort } from 'node:worker_threads';
import { runMatmulHelper } from '../kernels/index.js';
import { runCheckJob } from './gradcheckJob.js';
import type { HelperMessage } from './threadMessages.js';

parentPort!.on('message', (message: HelperMessage) => {
  if (message.kind === 'matmul') runMatmulHelper(message.memory, new Int32Array(message.control));
  else void runCheckJob(message.job);
});
