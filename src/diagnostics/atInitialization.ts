import type { LossName, Sequential } from '../nn/index.js';
import { gatherRows } from '../ops/index.js';
import type { Tensor } from '../tensor/index.js';
import { diagnose, type Diagnosis } from './diagnose.js';
import type { TrainingSettings } from './types.js';
import { inputStatistics, type FeatureStatistics } from './inputs.js';
import { outputStatistics, type OutputStatistics } from './outputs.js';
import { layerStatistics, type LayerStatistics } from './statistics.js';

export interface DiagnoseSettings extends TrainingSettings {
  loss: LossName | string;
  l2?: number;
  /** Names of the input columns, for the unnormalized-inputs finding (default x0, x1, …). */
  featureNames?: readonly string[];
  /** Rows of the batch the statistics are measured on (default 256, evenly spaced through the data). */
  batchRows?: number;
}

/** A network's measurements (layers, inputs, output) and the diagnosis drawn from them. */
export interface NetworkDiagnosis {
  layers: LayerStatistics[];
  inputs: FeatureStatistics[];
  output: OutputStatistics;
  diagnosis: Diagnosis;
}

const DEFAULT_BATCH_ROWS = 256;

/**
 * Everything `diagnose` can use, measured on a batch of (x, y) as the network receives it: per-layer
 * statistics, the input features' scales and the outputs against chance; then the diagnosis. What
 * `fit` runs once before its first step, and what `gradlab diagnose` prints.
 */
export function diagnoseNetwork(model: Sequential, x: Tensor, y: Tensor, settings: DiagnoseSettings): NetworkDiagnosis {
  const m = x.shape[0];
  const rows = Math.min(settings.batchRows ?? DEFAULT_BATCH_ROWS, m);
  // Evenly spaced rows: deterministic, and spread over data that may be sorted by class.
  const pick = Int32Array.from({ length: rows }, (_, i) => Math.floor((i * m) / rows));
  const bx = rows === m ? x : gatherRows(x, pick);
  const by = rows === m ? y : gatherRows(y, pick);
  const layers = layerStatistics(model, bx, { y: by, loss: settings.loss, l2: settings.l2 });
  const inputs = inputStatistics(bx, settings.featureNames);
  const output = outputStatistics(model, bx, by, settings.loss);
  const { optimizer, learningRate, inputsScaled } = settings;
  const diagnosis = diagnose(layers, { model, training: { optimizer, learningRate, inputsScaled }, inputs, output });
  return { layers, inputs, output, diagnosis };
}

/** The diagnosis of a network before training (see `diagnoseNetwork` for the measurements too). */
export function diagnoseAtInitialization(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  settings: DiagnoseSettings,
): Diagnosis {
  return diagnoseNetwork(model, x, y, settings).diagnosis;
}
