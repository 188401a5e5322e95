export interface EpochRecord {
  epoch: number;
  /** Objective on the whole training set at the end of the epoch (evaluation mode). */
  loss: number;
  dataLoss: number;
  accuracy: number | null;
  valLoss?: number;
  valAccuracy?: number | null;
  learningRate: number;
  seconds: number;
}

export type StopReason = 'completed' | 'earlyStopping' | 'diverged' | 'gradcheckFailed';

export interface History {
  /** The objective of every optimization step, on its mini-batch. */
  steps: number[];
  epochs: EpochRecord[];
  stopReason: StopReason;
  /** Why training stopped early, in words (empty when it completed). */
  message: string;
  /** Epoch whose parameters the model holds after early stopping with restoreBest. */
  bestEpoch?: number;
  /** Gradient checks made during training (see FitOptions.gradcheck). */
  gradchecks: Array<{ step: number; verdict: string; difference: number; report: unknown }>;
}
