import type { Objective, Sequential } from '../nn/index.js';
import type { Optimizer, OptimizerState } from '../optim/index.js';
import type { GeneratorState } from '../random/index.js';
import type { Tensor } from '../tensor/index.js';
import type { EpochRecord, History, StopReason } from './history.js';

/** The parameters' values at one moment (copies), to put back later with `FitContext.restore`. */
export type ParameterSnapshot = Map<string, Float64Array | Float32Array>;

/**
 * Everything `fit` needs to continue a run bit for bit after an epoch end (JSON-serializable): the
 * position, the optimizer's buffers, both random streams, the schedule's base rate, each callback's
 * own state (early stopping's best epoch, divergence detection's reference) and the history so far.
 */
export interface TrainingState {
  format: 'gradlab.training';
  version: 1;
  /** Epochs completed. */
  epoch: number;
  step: number;
  initialLearningRate: number;
  optimizer: OptimizerState;
  shuffle: GeneratorState | null;
  dropout: GeneratorState;
  callbacks: Record<string, unknown>;
  history: History;
}

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
  /** The state to resume from (see TrainingState); meaningful at an epoch end. */
  trainingState(): TrainingState;
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

/** The end of an epoch. */
export interface EpochEnd {
  epoch: number;
  /** Mean objective of this epoch's mini-batches (training mode), known every epoch at no extra cost. */
  batchLoss: number;
  record: EpochRecord;
}

/**
 * Hooks into `fit`'s loop. Progress bars, early stopping, divergence detection and the in-training
 * gradient check are all callbacks; users add their own through `FitOptions.callbacks`.
 */
export interface FitCallback {
  /** Names this callback's state in a TrainingState (callbacks with state to resume need one). */
  readonly name?: string;
  /** This callback's state, JSON-serializable, for a checkpoint. */
  saveState?(context: FitContext): unknown;
  /** Continues from a saved state (called after onTrainBegin when fit resumes). */
  loadState?(state: unknown, context: FitContext): void;
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

/** A snapshot as plain arrays (for a checkpoint file). */
export function snapshotToJSON(snapshot: ParameterSnapshot): Record<string, number[]> {
  return Object.fromEntries([...snapshot].map(([name, values]) => [name, Array.from(values)]));
}

/** A snapshot from plain arrays, in the dtype of the model's parameters. */
export function snapshotFromJSON(json: Record<string, number[]>, model: Sequential): ParameterSnapshot {
  return new Map(
    model.namedParameters().map(([name, tensor]) => {
      const Typed = tensor.data.constructor as Float64ArrayConstructor;
      return [name, Typed.from(json[name] ?? tensor.data)];
    }),
  );
}
