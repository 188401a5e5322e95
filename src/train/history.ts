/** The metrics of one epoch: training objective, data loss, accuracy, validation metrics, learning rate, time. */
export interface EpochRecord {
  epoch: number;
  /** Objective on the whole training set at the end of the epoch (evaluation mode). */
  loss: number;
  dataLoss: number;
  accuracy: number | null;
  /** Mean objective of the epoch's mini-batches, as they were trained on (training mode). */
  batchLoss: number;
  valLoss?: number;
  valAccuracy?: number | null;
  learningRate: number;
  seconds: number;
}

export type StopReason = 'completed' | 'earlyStopping' | 'diverged' | 'gradcheckFailed' | 'callback';

/** What `fit` returns: the cost of every step, the record of every epoch, gradient checks, and why training stopped. */
export interface History {
  /** The objective of every optimization step, on its mini-batch. */
  steps: number[];
  epochs: EpochRecord[];
  stopReason: StopReason;
  /** Why training stopped early, in words (empty when it completed). */
  message: string;
  /** Epoch whose parameters the model holds after early stopping with restoreBest. */
  bestEpoch?: number;
  /** After divergence: the epoch whose parameters were put back (0: the initial ones). */
  restoredEpoch?: number;
  /** After divergence: false when no step ever had a finite cost (there is nothing worth saving). */
  finiteCostSeen?: boolean;
  /** Gradient checks made during training (see gradcheckDuringTraining). */
  gradchecks: Array<{ step: number; verdict: string; difference: number; report: unknown }>;
}
