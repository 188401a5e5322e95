import type { ForwardContext, Objective, Sequential } from '../nn/index.js';
import type { Tensor } from '../tensor/index.js';
import type { CheckTarget } from './core.js';
import type { EntryDifferences } from './difference.js';

/**
 * Where the perturbations of a full check may run besides the calling thread (which works on the same
 * queue: see differenceQueue.ts). The library core stays
 * free of Node-only modules (it also runs in browsers); the Node entry point registers worker threads.
 */
export interface ParallelNumeric {
  /** The most threads a full check may use (1: the calling thread alone). */
  count(
    options: { workers?: number | 'auto'; mode?: string },
    model: Sequential,
    targets: readonly CheckTarget[],
  ): number;
  run(
    model: Sequential,
    x: Tensor,
    y: Tensor,
    context: Partial<ForwardContext>,
    /** steps: each tensor's step of the two-sided difference. */
    settings: { objective: Objective; strategy: 'incremental' | 'suffix' | 'full'; steps: number[] },
    workers: number,
    /**
     * The calling thread's own values and objective: it takes chunks of the queue too (then `workers`
     * counts it). Without it, `workers` worker threads do all the work.
     */
    local?: { differences: EntryDifferences },
    /** Start the worker threads only once the calling thread's first chunks say they will pay. */
    adaptive?: boolean,
  ): { values: Float64Array[]; threads: number };
}

let registered: ParallelNumeric | null = null;

export function registerParallelNumeric(implementation: ParallelNumeric | null): void {
  registered = implementation;
}

export function parallelNumeric(): ParallelNumeric | null {
  return registered;
}
