import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { layerRegistration, modelToJSON, type LossName, type Sequential } from '../nn/index.js';
import type { CheckTarget } from '../gradcheck/core.js';
import { awaitQueue, drainQueue, QUEUE_SLOTS } from '../gradcheck/differenceQueue.js';
import { registerParallelNumeric, type ParallelNumeric } from '../gradcheck/parallel.js';

export interface WorkerJob {
  model: unknown;
  x: { data: Float64Array; shape: number[] };
  y: { data: Float64Array; shape: number[] };
  training: boolean;
  masks: Array<[number, Float64Array, number[]]>;
  objective: { loss: LossName; l2: number };
  /** Modules that register the model's user-written layer types (see registerLayer's `module`). */
  layerModules: string[];
  strategy: 'incremental' | 'suffix' | 'full';
  /** Each tensor's step of the two-sided difference. */
  steps: number[];
  /** θ offset of each parameter tensor. */
  offsets: number[];
  /** Float64 numeric derivative per θ entry. */
  result: SharedArrayBuffer;
  /** The shared queue's Int32 status (differenceQueue.ts). */
  status: SharedArrayBuffer;
}

/** The compiled worker script (dist/node/gradcheckWorker.js), also when running from the TypeScript sources. */
function workerScript(): URL | null {
  for (const candidate of ['./gradcheckWorker.js', '../../dist/node/gradcheckWorker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/**
 * The modules a worker must import to rebuild the model: none for built-in layers; a user-written
 * layer type needs one (registerLayer's `module`), or the model cannot be rebuilt there (null).
 */
function layerModules(model: Sequential): string[] | null {
  const modules = new Set<string>();
  for (const layer of model.layers) {
    const registration = layerRegistration(layer.type);
    if (!registration || (!registration.builtIn && !registration.module)) return null;
    if (registration.module) modules.add(registration.module);
  }
  return [...modules];
}

/** How many threads a full check should use (1 = the calling thread). */
export function workerCount(
  options: { workers?: number | 'auto'; mode?: string },
  model: Sequential,
  targets: readonly CheckTarget[],
): number {
  if ((options.mode ?? 'full') !== 'full') return 1;
  const portable = layerModules(model) !== null && workerScript() !== null;
  if (!portable) return 1;
  const size = targets.reduce((n, t) => n + t.values.length, 0);
  const requested = options.workers ?? 'auto';
  // Measured on 2 cores: 25k parameters gain nothing (thread start-up eats it), 100k run 1.4× faster.
  const count = requested === 'auto' ? (size >= 50_000 ? Math.min(4, availableParallelism()) : 1) : requested;
  return Math.max(1, Math.min(count, size));
}

/**
 * Every two-sided difference of a full check, computed on `workers` threads. Each thread rebuilds the
 * float64 model bit-exactly from its JSON and runs the same evaluator on its share of θ; results come
 * back through shared memory, and this thread blocks (Atomics.wait) until all are done, so that
 * gradcheck stays synchronous.
 */
export const numericOnWorkers: ParallelNumeric['run'] = (model, x, y, context, settings, workers, local) => {
  const script = workerScript()!;
  const params = model.parameters();
  const offsets: number[] = [];
  let total = 0;
  for (const p of params) {
    offsets.push(total);
    total += p.size;
  }
  const result = new Float64Array(new SharedArrayBuffer(8 * total));
  const status = new Int32Array(new SharedArrayBuffer(4 * QUEUE_SLOTS));
  const masks: WorkerJob['masks'] = [...(context.masks ?? new Map())].map(([i, t]) => [
    i,
    Float64Array.from(t.data),
    [...t.shape],
  ]);
  const job: WorkerJob = {
    model: modelToJSON(model),
    x: { data: Float64Array.from(x.data), shape: [...x.shape] },
    y: { data: Float64Array.from(y.data), shape: [...y.shape] },
    training: context.training ?? false,
    masks,
    offsets,
    result: result.buffer as SharedArrayBuffer,
    status: status.buffer as SharedArrayBuffer,
    objective: settings.objective.toJSON(),
    layerModules: layerModules(model) ?? [],
    strategy: settings.strategy,
    steps: settings.steps,
  };
  const threads: Worker[] = [];
  try {
    for (let w = local ? 1 : 0; w < workers; w++) {
      const thread = new Worker(script, { workerData: job });
      thread.unref();
      threads.push(thread);
    }
    if (local) drainQueue({ status, offsets, ...local, steps: settings.steps, result });
    awaitQueue(status, total, 30 * 60_000);
  } finally {
    for (const t of threads) void t.terminate();
  }
  return params.map((p, i) => result.slice(offsets[i], offsets[i] + p.size));
};

/** Lets full gradient checks use worker threads (called by the Node entry point). */
export function registerWorkerThreads(): void {
  registerParallelNumeric({ count: workerCount, run: numericOnWorkers });
}
