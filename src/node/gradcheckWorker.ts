// A worker thread of a full gradient check: rebuilds the model and the batch, then writes the
// two-sided differences of its share of θ into shared memory (see numericOnWorkers).
import { workerData } from 'node:worker_threads';
import { modelFromJSON, Objective } from '../nn/index.js';
import { Generator } from '../random/index.js';
import { Tensor } from '../tensor/index.js';
import { centralDifference } from '../gradcheck/difference.js';
import { objectiveEvaluator } from '../gradcheck/modelCheck.js';
import type { WorkerJob } from './gradcheckWorkers.js';

const job = workerData as WorkerJob;
const flags = new Int32Array(job.status);
try {
  // User-written layer types register themselves when their module is imported.
  for (const module of job.layerModules) await import(module);
  // Built and budget-checked in the main thread already (whose budget --max-parameters may have raised).
  const { model } = modelFromJSON(job.model, 'gradcheck worker', { maxParameters: Number.POSITIVE_INFINITY });
  const x = new Tensor(job.x.data, job.x.shape);
  const y = new Tensor(job.y.data, job.y.shape);
  const masks = new Map(job.masks.map(([i, data, shape]) => [i, new Tensor(data, shape)]));
  const context = job.training ? { training: true, generator: new Generator(0), masks } : { training: false };
  const evaluate = objectiveEvaluator(model, x, y, context, Objective.from(job.objective), job.strategy);
  const values = model.parameters().map((p) => p.data as Float64Array);
  const result = new Float64Array(job.result);
  for (let t = 0; t < values.length; t++) {
    const from = Math.max(job.from, job.offsets[t]) - job.offsets[t];
    const to = Math.min(job.to, job.offsets[t] + values[t].length) - job.offsets[t];
    for (let i = from; i < to; i++)
      result[job.offsets[t] + i] = centralDifference(values[t], i, job.steps[t], () => evaluate(t, i));
  }
} catch {
  Atomics.add(flags, 1, 1);
} finally {
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
}
