import type { Dataset } from '../data/index.js';
import type { Table } from '../data/table.js';
import { checkLossFits, inferTask, lossForTask, type TaskKind } from '../data/task.js';
import { type LossName, parseLoss } from '../nn/index.js';
import { datasetFromTable } from '../data/csv.js';
import { isSyntheticDataset } from '../data/index.js';
import { loadDataset } from '../node/datasets.js';
import { loadTable } from './tables.js';

/**
 * A dataset for a new network, its task decided by the same rules as `gradlab train` (a regression
 * loss or non-integer targets: regression; integers: classes, unless there are too many distinct
 * values, which stops and asks for a task) and the loss that fits it. What `gradcheck` and `diagnose`
 * build a fresh network on, so that no command reads a regression target as 190 classes.
 */
export function datasetForTask(
  spec: string,
  options: { label: string; seed: number; task?: TaskKind; loss?: string },
): { data: Dataset; table: Table; task: TaskKind; loss: LossName } {
  const requested = options.loss === undefined ? undefined : parseLoss(options.loss);
  const { table } = loadTable(spec, { seed: options.seed });
  const task = inferTask(table, [options.label], { task: options.task, loss: requested });
  const labelKind = task === 'regression' ? 'value' : 'class';
  // A file's table is already read: parse its cells, not the file again. Synthetic data is generated.
  const data = isSyntheticDataset(spec)
    ? loadDataset(spec, { label: options.label, seed: options.seed, labelKind })
    : datasetFromTable(table, { label: options.label, labelKind });
  const loss = requested ?? lossForTask(task, data.classes?.length ?? 0);
  checkLossFits(loss, task, data.classes, `label '${options.label}'`);
  return { data, table, task, loss };
}
