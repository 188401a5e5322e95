/** The metrics of one epoch: training objective, data loss, accuracy, validation metrics, learning rate, time. */
export interface EpochRecord {
  epoch: number;
  /**
   * The training objective: by default the running mean over the epoch's mini-batches as they were
   * trained on (training mode, as Keras reports it: no extra pass over the data); with
   * `trainingMetrics: 'exact'`, the whole training set evaluated at the epoch end (`exact` is true).
   */
  loss: number;
  dataLoss: number;
  accuracy: number | null;
  /** Whether loss, dataLoss and accuracy come from evaluating the whole training set at the epoch end. */
  exact: boolean;
  /** Mean objective of the epoch's mini-batches, as they were trained on (training mode), always. */
  batchLoss: number;
  /** Validation metrics are always exact (the whole validation set, evaluation mode). */
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
