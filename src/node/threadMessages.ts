import type { LossName } from '../nn/index.js';

/** A gradient check's job for a pool thread (gradcheckJob.ts): the model and batch to rebuild, and the shared queue. */
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

/** What a pool thread (helperThread.ts) is sent. */
export type HelperMessage =
  | { kind: 'prepare' }
  | { kind: 'check'; job: WorkerJob }
  | { kind: 'matmul'; memory: WebAssembly.Memory; control: SharedArrayBuffer };
