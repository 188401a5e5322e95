import type { Sequential } from '../nn/index.js';
import type { FeatureStatistics } from './inputs.js';
import type { OutputStatistics } from './outputs.js';
import type { DiagnosisThresholds } from './thresholds.js';

/** The kinds of problem diagnose() can find. */
export type Finding =
  | 'symmetry'
  | 'saturation'
  | 'unnormalizedInputs'
  | 'largeWeights'
  | 'deadUnits'
  | 'explodingActivations'
  | 'vanishingActivations'
  | 'explodingGradients'
  | 'vanishingGradients';

/** The numbers behind a finding, by name. */
export type Evidence = Record<string, number | string | boolean | number[] | string[]>;

/** One finding: its kind, the layers concerned, its evidence and a message in words. */
export interface FindingReport {
  kind: Finding;
  message: string;
  /** The numbers the finding rests on. */
  evidence: Evidence;
  /** The dense layers concerned (indices in the layer list). */
  layers: number[];
}

/** How the network is being trained: a suggestion never names what is already in use. */
export interface TrainingSettings {
  /** Optimizer name (sgd, momentum, nesterov, rmsprop, adam). */
  optimizer?: string;
  learningRate?: number;
  /** Whether the inputs went through a scaler (false: raw features). */
  inputsScaled?: boolean;
}

/** What diagnose() may know besides the layer statistics: the model, the settings, the inputs and outputs. */
export interface DiagnoseContext {
  /**
   * The network the statistics come from: it names the output layer (its last dense layer), so that
   * statistics of some layers only (e.g. the hidden ones) are judged right. Without it, the last
   * statistics are taken for the output layer's.
   */
  model?: Sequential;
  training?: TrainingSettings;
  /** Statistics of the inputs as the network receives them (see `inputStatistics`). */
  inputs?: readonly FeatureStatistics[];
  /** The outputs against the labels (see `outputStatistics`). */
  output?: OutputStatistics;
  thresholds?: Partial<DiagnosisThresholds>;
}
