import type { Objective, Sequential } from '../nn/index.js';
import type { Optimizer } from '../optim/index.js';
import type { Tensor } from '../tensor/index.js';
import type { EpochRecord, History, StopReason } from './history.js';

/** The parameters' values at one moment (copies), to put back later with `FitContext.restore`. */
export type ParameterSnapshot = Map<string, Float64Array | Float32Array>;

/** What every callback sees of a running `fit`, and how it acts on it. */
export interface FitContext {
  readonly model: Sequential;
  readonly objective: Objective;
  readonly optimizer: Optimizer;
  readonly history: History;
  /** Epochs planned. */
  readonly epochs: number;
  /** The current epoch, from 0. */
  readonly epoch: number;
  /** Optimization steps taken so far. */
  readonly step: number;
  /** Whether a callback (or fit itself) has asked to stop. */
  readonly stopped: boolean;
  /** Ends training after the current step; the first reason given is kept. */
  stop(reason: StopReason, message: string): void;
  /** Copies of the parameters now (callbacks take them at epoch ends, not every step: each is a full copy). */
  snapshot(): ParameterSnapshot;
  /** Puts back parameters from a snapshot. */
  restore(snapshot: ParameterSnapshot): void;
  /** A message for the user on stderr (silent with `quiet`). */
  warn(message: string): void;
}

/** One mini-batch, before the step that uses it. */
export interface StepBegin {
  x: Tensor;
  y: Tensor;
}

/** One step's outcome: its objective on the mini-batch, and whether the update was applied. */
export interface StepEnd {
  epoch: number;
  /** Steps taken, this one included when applied. */
  step: number;
  cost: number;
  /** False when the cost was not finite: no update is ever made from a NaN or infinite cost. */
  applied: boolean;
  batch: StepBegin;
}

/** The end of an epoch. `record` is null in epochs that were not evaluated (see `evaluateEvery`). */
export interface EpochEnd {
  epoch: number;
  /** Mean objective of this epoch's mini-batches (training mode), known every epoch at no extra cost. */
  batchLoss: number;
  record: EpochRecord | null;
}

/**
 * Hooks into `fit`'s loop. Progress bars, early stopping, divergence detection and the in-training
 * gradient check are all callbacks; users add their own through `FitOptions.callbacks`.
 */
export interface FitCallback {
  /** When set, fit evaluates the training (and validation) set at every epoch end. */
  readonly needsEvaluation?: boolean;
  /** Before the first step. */
  onTrainBegin?(context: FitContext): void;
  /** Before each step, with the mini-batch about to be used. */
  onStepBegin?(context: FitContext, batch: StepBegin): void;
  /** After each step, with its cost and whether it was applied. */
  onStepEnd?(context: FitContext, step: StepEnd): void;
  /** At the end of each epoch; `end.record` holds the evaluation when one was made. */
  onEpochEnd?(context: FitContext, end: EpochEnd): void;
  /** After the last step, whatever stopped training. */
  onTrainEnd?(context: FitContext): void;
}
