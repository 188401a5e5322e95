import { assertDistinctColumns } from '../data/columns.js';
import { type MissingPolicy, rowsWithoutMissing } from '../data/encoding.js';
import { columnIndex, selectRows, type Table } from '../data/table.js';
import { ArgumentError } from '../errors.js';
import { TRAIN_DEFAULTS } from './trainDefaults.js';

/**
 * The columns of a new network's inputs: all but the label (or `features`), `categorical` ones one-hot,
 * empty cells as `missing` says (train's default: an error naming the cell).
 */
export interface InputColumns {
  features?: string[];
  categorical?: string[];
  missing?: MissingPolicy;
}

/**
 * Where a new network's labels and inputs are in a table, and the rows it learns from, by the rules of
 * `train`'s flags (which `gradcheck` and `diagnose` share): labels and features by name, the features
 * named or every other column, no column both, none named twice; with `--missing drop`, the rows with
 * an empty feature or label cell left out.
 */
export function inputColumns(
  full: Table,
  labels: readonly string[],
  options: InputColumns,
): { labelCols: number[]; featureCols: number[]; missing: MissingPolicy; table: Table } {
  assertDistinctColumns(labels, '--label');
  assertDistinctColumns(options.features, '--features');
  assertDistinctColumns(options.categorical, '--categorical');
  const labelCols = labels.map((l) => columnIndex(full, l, 'label column'));
  const featureCols = options.features
    ? options.features.map((f) => columnIndex(full, f, 'feature column'))
    : full.header.flatMap((_, i) => (labelCols.includes(i) ? [] : [i]));
  const clash = featureCols.find((c) => labelCols.includes(c));
  if (clash !== undefined)
    throw new ArgumentError(`column '${full.header[clash]}' cannot be both a feature and a label`);
  if (featureCols.length === 0)
    throw new ArgumentError(`${full.source}: no feature columns besides ${labels.join(', ')}`);
  const missing = options.missing ?? TRAIN_DEFAULTS.missing;
  const table = missing === 'drop' ? selectRows(full, rowsWithoutMissing(full, [...featureCols, ...labelCols])) : full;
  if (table.rows.length === 0) throw new ArgumentError(`${full.source}: every row has an empty cell (--missing drop)`);
  return { labelCols, featureCols, missing, table };
}
