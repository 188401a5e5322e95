// A thread of the pool (threadPool.ts). It serves gradient-check jobs, one message each, until it is made
// the matrix-product helper, which it then stays: that loop (src/kernels/matmulHelperLoop.ts) is
// synchronous and never returns.
import { parentPort } from 'node:worker_threads';
import { runMatmulHelper } from '../kernels/index.js';
import type { HelperMessage } from './threadMessages.js';

// A check's modules (the model, the evaluator) load on the thread's first check job, or earlier on a
// 'prepare' (prestartThreads sends one): a thread made the product helper needs only the kernels, and was
// ready 44–54 ms after it was asked instead of 141–180 (node script on the library build, 3 runs each).
let checkModules: Promise<typeof import('./gradcheckJob.js')> | null = null;
const loadCheckModules = () => (checkModules ??= import('./gradcheckJob.js'));

parentPort!.on('message', (message: HelperMessage) => {
  if (message.kind === 'matmul') runMatmulHelper(message.memory, new Int32Array(message.control));
  else if (message.kind === 'prepare') void loadCheckModules().catch(() => {});
  // A job that fails before it claims a chunk loses nothing: the other threads take every chunk.
  else
    void loadCheckModules().then(
      (modules) => modules.runCheckJob(message.job),
      () => {},
    );
});
