import type { Dataset } from '../data/index.js';
import type { Table } from '../data/table.js';
import { datasetName } from '../data/table.js';
import { checkLossFits, inferTask, lossForTask, type TaskKind } from '../data/task.js';
import { type LossName, parseLoss } from '../nn/index.js';
import { labelsFromTable } from '../data/csv.js';
import { encodedFeatureNames, encodeInputs, fitInputEncoding, type InputEncoding } from '../data/encoding.js';
import { isSyntheticDataset } from '../data/index.js';
import { loadDataset } from '../node/datasets.js';
import { Tensor } from '../tensor/index.js';
import { inputColumns, type InputColumns } from './inputColumns.js';
import { loadTable } from './tables.js';

/**
 * A dataset for a new network, its task decided by the same rules as `gradlab train` (a regression
 * loss or non-integer targets: regression; integers: classes, unless there are too many distinct
 * values, which stops and asks for a task) and the loss that fits it, and its inputs encoded as `train`
 * encodes them (`--features`, `--categorical`): what `gradcheck` and `diagnose` build a fresh network
 * on, so that no command reads a regression target as 190 classes or stops at a text column that
 * `train` would one-hot encode. `encoding` is null for synthetic datasets (numeric, generated).
 */
export function datasetForTask(
  spec: string,
  options: InputColumns & { label: string; seed: number; task?: TaskKind; loss?: string },
): { data: Dataset; table: Table; task: TaskKind; loss: LossName; encoding: InputEncoding | null } {
  const requested = options.loss === undefined ? undefined : parseLoss(options.loss);
  const { table } = loadTable(spec, { seed: options.seed });
  const task = inferTask(table, [options.label], { task: options.task, loss: requested });
  const labelKind = task === 'regression' ? 'value' : 'class';
  let data: Dataset;
  let encoding: InputEncoding | null = null;
  if (isSyntheticDataset(spec) && !options.features && !options.categorical && !options.missing) {
    data = loadDataset(spec, { label: options.label, seed: options.seed, labelKind });
  } else {
    // A file's table is already read: encode its cells, not the file again.
    const { featureCols: columns, missing, table: kept } = inputColumns(table, [options.label], options);
    encoding = fitInputEncoding(kept, columns, { categorical: options.categorical, missing });
    const featureNames = encodedFeatureNames(encoding);
    const x = new Tensor(encodeInputs(kept, encoding, columns), [kept.rows.length, featureNames.length]);
    data = {
      name: datasetName(table.source),
      x,
      featureNames,
      ...labelsFromTable(kept, { label: options.label, labelKind }),
    };
  }
  const loss = requested ?? lossForTask(task, data.classes?.length ?? 0);
  checkLossFits(loss, task, data.classes, `label '${options.label}'`);
  return { data, table, task, loss, encoding };
}
