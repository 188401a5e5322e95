// A gradient check's share on a pool thread (threadPool.ts): rebuilds the model and the batch, then writes
// the two-sided differences of the chunks it claims into shared memory (see numericOnWorkers).
import { modelFromJSON, Objective } from '../nn/index.js';
import { Generator } from '../random/index.js';
import { Tensor } from '../tensor/index.js';
import { drainQueue, QueueSlot } from '../gradcheck/differenceQueue.js';
import { objectiveEvaluator } from '../gradcheck/modelCheck.js';
import type { WorkerJob } from './threadMessages.js';

/**
 * Runs one check's job. A failure before this thread claims a chunk loses nothing (the other threads take
 * every chunk); one inside a chunk is counted by drainQueue, and the calling thread reports it.
 */
export async function runCheckJob(job: WorkerJob): Promise<void> {
  try {
    // User-written layer types register themselves when their module is imported.
    for (const module of job.layerModules) await import(module);
    // Built and budget-checked in the main thread already (whose budget --max-parameters may have raised).
    const { model } = modelFromJSON(job.model, 'gradcheck worker', { maxParameters: Number.POSITIVE_INFINITY });
    const x = new Tensor(job.x.data, job.x.shape);
    const y = new Tensor(job.y.data, job.y.shape);
    const masks = new Map(job.masks.map(([i, data, shape]) => [i, new Tensor(data, shape)]));
    const context = job.training ? { training: true, generator: new Generator(0), masks } : { training: false };
    const { differences } = objectiveEvaluator(model, x, y, context, Objective.from(job.objective), job.strategy);
    const status = new Int32Array(job.status);
    // A thread that ends inside a chunk (a user's layer calling process.exit) never finishes it, and the
    // calling thread, blocked in Atomics.wait, cannot see the thread go: count the chunk as lost, so that
    // the check fails with a message instead of waiting for it (30 minutes).
    let computing = false;
    const loseChunk = () => {
      if (!computing) return;
      Atomics.add(status, QueueSlot.lost, 1);
      Atomics.notify(status, QueueSlot.done);
    };
    process.once('exit', loseChunk);
    try {
      drainQueue({
        status,
        offsets: job.offsets,
        steps: job.steps,
        differences: (...args) => {
          computing = true;
          differences(...args);
          computing = false;
        },
        result: new Float64Array(job.result),
      });
    } finally {
      process.off('exit', loseChunk);
    }
  } catch {
    // Reported through the queue's status when it cost a chunk.
  }
}
