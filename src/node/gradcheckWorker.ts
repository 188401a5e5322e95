// A worker thread of a full gradient check: rebuilds the model and the batch, then writes the
// two-sided differences of its share of θ into shared memory (see numericOnWorkers).
import { workerData } from 'node:worker_threads';
import { modelFromJSON } from '../nn/index.js';
import { Generator } from '../random/index.js';
import { Tensor } from '../tensor/index.js';
import { objectiveEvaluator } from '../gradcheck/modelCheck.js';
import type { WorkerJob } from './gradcheckWorkers.js';

const job = workerData as WorkerJob;
const flags = new Int32Array(job.status);
try {
  // Built and budget-checked in the main thread already (whose budget --max-parameters may have raised).
  const { model } = modelFromJSON(job.model, 'gradcheck worker', { maxParameters: Number.POSITIVE_INFINITY });
  const x = new Tensor(job.x.data, job.x.shape);
  const y = new Tensor(job.y.data, job.y.shape);
  const masks = new Map(job.masks.map(([i, data, shape]) => [i, new Tensor(data, shape)]));
  const context = job.training ? { training: true, generator: new Generator(0), masks } : { training: false };
  const evaluate = objectiveEvaluator(model, x, y, context, job.loss, job.l2, job.strategy);
  const values = model.parameters().map((p) => p.data as Float64Array);
  const result = new Float64Array(job.result);
  const eps = job.epsilon;
  for (let t = 0; t < values.length; t++) {
    const from = Math.max(job.from, job.offsets[t]) - job.offsets[t];
    const to = Math.min(job.to, job.offsets[t] + values[t].length) - job.offsets[t];
    for (let i = from; i < to; i++) {
      const original = values[t][i];
      values[t][i] = original + eps;
      const plus = evaluate(t, i);
      values[t][i] = original - eps;
      const minus = evaluate(t, i);
      values[t][i] = original;
      result[job.offsets[t] + i] = (plus - minus) / (2 * eps);
    }
  }
} catch {
  Atomics.add(flags, 1, 1);
} finally {
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
}
