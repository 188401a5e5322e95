import { matchColumns, type ColumnMatch } from '../data/columns.js';
import { notANumber, parseDecimal, quoteCell } from '../data/decimal.js';
import {
  encodedFeatureNames,
  encodeInputs,
  isMissing,
  rowsWithoutMissing,
  type UnknownPolicy,
} from '../data/encoding.js';
import { columnIndex, selectRows, type Table } from '../data/table.js';
import { DataError } from '../errors.js';
import { Tensor } from '../tensor/index.js';
import type { TrainedModel } from './trainedModel.js';

/** A table's rows as the model reads them: encoded inputs, matched by column name. */
export interface ModelInputs {
  /** Encoded (not yet scaled) features [m, n]. */
  x: Tensor;
  /** The rows kept (all of them, unless the model's missing policy is 'drop'). */
  table: Table;
  /** How many rows `--missing drop` removed. */
  dropped: number;
  columns: ColumnMatch;
}

/**
 * Finds the model's input columns in `table` by name (by position for a model without names),
 * never reading a label or id column as a feature, and encodes them as in training.
 */
export function inputsFromTable(
  trained: TrainedModel,
  table: Table,
  options: { exclude?: readonly string[]; requireLabels?: boolean; unknown?: UnknownPolicy } = {},
): ModelInputs {
  const exclude = [...trained.labels, ...(options.exclude ?? [])];
  if (options.requireLabels) for (const label of trained.labels) columnIndex(table, label, 'label column');
  const names = trained.inputs?.columns.map((c) => c.name) ?? null;
  const columns = matchColumns(table, names, { exclude, count: trained.inputs ? undefined : trained.model.inputSize });
  const encoding = trained.inputs ?? {
    columns: columns.indices.map((i) => ({ name: table.header[i], kind: 'numeric' as const, mean: 0 })),
    missing: 'error' as const,
  };
  let kept = table;
  if (encoding.missing === 'drop') {
    const labelCols = options.requireLabels ? trained.labels.map((l) => table.header.indexOf(l)) : [];
    kept = selectRows(table, rowsWithoutMissing(table, [...columns.indices, ...labelCols]));
    if (kept.rows.length === 0) throw new DataError(`${table.source}: every row has an empty cell (--missing drop)`);
  }
  const dropped = table.rows.length - kept.rows.length;
  if (dropped) columns.notes.push(`dropped ${dropped} row${dropped > 1 ? 's' : ''} with empty cells`);
  const data = encodeInputs(kept, encoding, columns.indices, { unknown: options.unknown });
  const width = encodedFeatureNames(encoding).length;
  return { x: new Tensor(data, [kept.rows.length, width]), table: kept, dropped, columns };
}

/** The label cell of each row as a class index (classification) or the target values [m, t] (regression). */
export function targetsFromTable(trained: TrainedModel, table: Table): Float64Array {
  const cols = trained.labels.map((l) => columnIndex(table, l, 'label column'));
  const m = table.rows.length;
  const where = (r: number, c: number) =>
    `${table.source} line ${table.lines[r]}, column ${cols[c] + 1} (${trained.labels[c]})`;
  if (trained.task === 'classification') {
    const classes = trained.classes!;
    const numeric = classes.every((c) => typeof c === 'number');
    const index = new Map(classes.map((c, i) => [String(c), i]));
    return Float64Array.from(table.rows, (row, r) => {
      const cell = row[cols[0]];
      if (isMissing(cell)) throw new DataError(`${where(r, 0)}: the label is empty`);
      const i = index.get(numeric ? String(parseDecimal(cell)) : cell);
      if (i === undefined)
        throw new DataError(
          `${where(r, 0)}: label ${quoteCell(cell)} is not one of the model's classes (${classes.join(', ')})`,
        );
      return i;
    });
  }
  const t = cols.length;
  const y = new Float64Array(m * t);
  table.rows.forEach((row, r) =>
    cols.forEach((col, c) => {
      const cell = row[col];
      const value = parseDecimal(cell);
      if (isMissing(cell) || !Number.isFinite(value))
        throw new DataError(`${where(r, c)}: ${isMissing(cell) ? 'the target is empty' : notANumber(cell)}`);
      y[r * t + c] = value;
    }),
  );
  return y;
}
