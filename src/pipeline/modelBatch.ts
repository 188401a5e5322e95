import type { Table } from '../data/table.js';
import { Tensor } from '../tensor/index.js';
import { inputsFromTable, targetsFromTable } from './tableData.js';
import { prepareInputs, prepareTargets, type TrainedModel } from './trainedModel.js';

/**
 * A table's rows as the trained model sees them: its input columns found by name and encoded as in
 * training, then its scaler; its label column(s) read as its classes or (standardized) targets. What
 * `gradcheck --model` and `diagnose --model` measure on.
 */
export function modelBatch(trained: TrainedModel, table: Table): { x: Tensor; y: Tensor } {
  const inputs = inputsFromTable(trained, table, { requireLabels: true });
  const truth = targetsFromTable(trained, inputs.table);
  const m = inputs.x.shape[0];
  const y = new Tensor(truth, trained.task === 'regression' ? [m, truth.length / m] : [m]);
  return { x: prepareInputs(trained, inputs.x), y: prepareTargets(trained, y) };
}
