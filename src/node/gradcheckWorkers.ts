import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { HelperMessage, WorkerJob } from './threadMessages.js';
import { borrowThread, prestartThreads, returnThreads, threadScript } from './threadPool.js';
import { isBuiltInLayer, layerRegistration, modelToJSON, type Sequential } from '../nn/index.js';
import { DEFAULT_CHECK_MODE, type CheckTarget } from '../gradcheck/core.js';
import { awaitQueue, drainQueue, QUEUE_CHUNK, QUEUE_SLOTS } from '../gradcheck/differenceQueue.js';
import { registerParallelNumeric, type ParallelNumeric } from '../gradcheck/parallel.js';

/**
 * The modules a worker must import to rebuild the model: none for built-in layers; a user-written
 * layer type needs one (registerLayer's `module`), or the model cannot be rebuilt there (null), as a
 * user's subclass of a built-in class cannot (its config rebuilds the built-in class).
 */
function layerModules(model: Sequential): string[] | null {
  const modules = new Set<string>();
  for (const layer of model.layers) {
    const registration = layerRegistration(layer.type);
    if (registration?.builtIn && !isBuiltInLayer(layer)) return null;
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
  if ((options.mode ?? DEFAULT_CHECK_MODE) !== 'full') return 1;
  const portable = layerModules(model) !== null && threadScript() !== null;
  if (!portable) return 1;
  const size = targets.reduce((n, t) => n + t.values.length, 0);
  const requested = options.workers ?? 'auto';
  // More threads than cores only add start-up and memory (≈ 30 MB each); 2 stay allowed on one core.
  const count = requested === 'auto' ? autoThreads() : Math.min(requested, Math.max(2, availableParallelism()));
  return Math.max(1, Math.min(count, size));
}

/** The threads `workers: 'auto'` may use, the calling one included: the cores, at most 4. */
function autoThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * With `workers: 'auto'`, worker threads start once the calling thread's claims predict at least this
 * much work left. A worker needs ≈ 0.23 s before its first claim (0.2 s to load its modules, 0.03 s to
 * rebuild the model), then runs colder code: on 2 cores, a check of 0.25 s on one thread took 0.28 s with
 * a worker started up front, one of 0.75 s took 0.59 s, and the 26,122-parameter one 1.24 s → 0.86 s
 * (node on a script calling gradcheck with workers 1 and 2, medians of 5, idle machine). A thread kept
 * from an earlier check or prestarted costs less; the threshold is set for the cold case.
 */
export const WORKERS_PAY_AFTER_MS = 400;

/** Claims the calling thread makes before it trusts its estimate of the work left. */
const CLAIMS_TO_ESTIMATE = 4;

/**
 * Every two-sided difference of a full check, computed on `workers` threads. Each thread rebuilds the
 * float64 model bit-exactly from its JSON and runs the same evaluator on its share of θ; results come
 * back through shared memory, and this thread blocks (Atomics.wait) until all are done, so that
 * gradcheck stays synchronous.
 */
export const numericOnWorkers: ParallelNumeric['run'] = (model, x, y, context, settings, workers, local, adaptive) => {
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
  const spawn = () => {
    for (let w = local ? 1 : 0; w < workers; w++) {
      const thread = borrowThread();
      if (!thread) return;
      const message: HelperMessage = { kind: 'check', job };
      thread.postMessage(message);
      threads.push(thread);
    }
  };
  const chunks = Math.ceil(total / QUEUE_CHUNK);
  const started = performance.now();
  // Claims sample θ evenly (claimedChunk), so the time per claim so far predicts the claims left.
  const spawnIfWorthIt = (claims: number) => {
    if (threads.length > 0 || claims < CLAIMS_TO_ESTIMATE) return;
    const left = ((performance.now() - started) / claims) * (chunks - claims);
    if (left >= WORKERS_PAY_AFTER_MS) spawn();
  };
  try {
    if (!(adaptive && local)) spawn();
    if (local)
      drainQueue({
        status,
        offsets,
        ...local,
        steps: settings.steps,
        result,
        afterChunk: adaptive ? spawnIfWorthIt : undefined,
      });
    awaitQueue(status, total, 30 * 60_000);
  } finally {
    // Back to the pool: a thread still inside this check finds its queue empty and returns at once.
    returnThreads(threads);
  }
  const values = params.map((p, i) => result.slice(offsets[i], offsets[i] + p.size));
  return { values, threads: (local ? 1 : 0) + threads.length };
};

/**
 * Starts the worker threads a full check may use, before it needs them: `gradlab gradcheck` calls this
 * first, so that the threads load their modules while the command reads its data and builds the model.
 * Without it, the first check that uses worker threads starts them itself.
 */
export function prestartGradcheckWorkers(count = autoThreads() - 1): void {
  prestartThreads(count);
}

/** Lets full gradient checks use worker threads (called by the Node entry point). */
export function registerWorkerThreads(): void {
  registerParallelNumeric({ count: workerCount, run: numericOnWorkers });
}
