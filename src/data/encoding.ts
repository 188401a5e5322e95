import { ArgumentError, DataError } from '../errors.js';
import { notANumber, parseDecimal, quoteCell } from './decimal.js';
import type { Table } from './table.js';

/** What to do with an empty cell: refuse it (naming row and column), drop its row, or use the training mean. */
export type MissingPolicy = 'error' | 'drop' | 'mean';
/** What to do with a category the training data did not have: refuse it, or encode it as all zeros. */
export type UnknownPolicy = 'error' | 'ignore';

/** How one input column becomes model features: a number (with its training mean), or one-hot categories. */
export type ColumnEncoding =
  | { name: string; kind: 'numeric'; mean: number }
  | { name: string; kind: 'categorical'; categories: string[] };

/** The input columns a model reads, in order, and how; stored in the model file. */
export interface InputEncoding {
  columns: ColumnEncoding[];
  missing: MissingPolicy;
}

export const isMissing = (cell: string): boolean => cell === '';

/** The feature names the network sees: a numeric column as itself, a categorical one as `name=category` each. */
export function encodedFeatureNames(encoding: InputEncoding): string[] {
  return encoding.columns.flatMap((c) => (c.kind === 'numeric' ? [c.name] : c.categories.map((k) => `${c.name}=${k}`)));
}

function cellError(table: Table, row: number, col: number, what: string): DataError {
  return new DataError(`${table.source} line ${table.lines[row]}, column ${col + 1} (${table.header[col]}): ${what}`);
}

/** Rows (indices) with no empty cell in the given columns: what `--missing drop` keeps. */
export function rowsWithoutMissing(table: Table, columns: readonly number[]): number[] {
  return table.rows.flatMap((row, r) => (columns.some((c) => isMissing(row[c])) ? [] : [r]));
}

/**
 * Learns each column's encoding from training rows: the mean of a numeric column (over its non-empty
 * cells; what `--missing mean` imputes) or the sorted categories of a `categorical` one. A text cell
 * in a column not declared categorical is a DataError that says how to declare it.
 */
export function fitInputEncoding(
  table: Table,
  columns: readonly number[],
  options: { categorical?: readonly string[]; missing?: MissingPolicy; rows?: readonly number[] } = {},
): InputEncoding {
  const categorical = new Set(options.categorical ?? []);
  for (const name of categorical)
    if (!columns.some((c) => table.header[c] === name))
      throw new ArgumentError(
        `--categorical ${name}: no such feature column (features: ${columns.map((c) => table.header[c]).join(', ')})`,
      );
  const rows = options.rows ?? table.rows.map((_, r) => r);
  const encoded: ColumnEncoding[] = columns.map((col) => {
    const name = table.header[col];
    if (categorical.has(name)) {
      const seen = new Set<string>();
      for (const r of rows) if (!isMissing(table.rows[r][col])) seen.add(table.rows[r][col]);
      return { name, kind: 'categorical', categories: [...seen].sort() };
    }
    let sum = 0;
    let count = 0;
    for (const r of rows) {
      const cell = table.rows[r][col];
      if (isMissing(cell)) continue;
      const value = parseDecimal(cell);
      if (!Number.isFinite(value))
        throw cellError(table, r, col, notANumber(cell, ` (a text column? say --categorical ${name})`));
      sum += value;
      count++;
    }
    return { name, kind: 'numeric', mean: count ? sum / count : 0 };
  });
  return { columns: encoded, missing: options.missing ?? 'error' };
}

/**
 * Encodes the given rows of `table` (columns[j] is where encoding.columns[j] sits in this table)
 * into a row-major matrix. Empty cells follow encoding.missing ('drop' rows must be removed before);
 * an unseen category is an error naming it, or all zeros with unknown 'ignore'.
 */
export function encodeInputs(
  table: Table,
  encoding: InputEncoding,
  columns: readonly number[],
  options: { unknown?: UnknownPolicy } = {},
): Float64Array {
  const width = encodedFeatureNames(encoding).length;
  const out = new Float64Array(table.rows.length * width);
  const lookups = encoding.columns.map((c) =>
    c.kind === 'categorical' ? new Map(c.categories.map((k, i) => [k, i])) : null,
  );
  table.rows.forEach((row, r) => {
    let offset = r * width;
    encoding.columns.forEach((enc, j) => {
      const col = columns[j];
      const cell = row[col];
      if (isMissing(cell) && encoding.missing !== 'mean')
        throw cellError(table, r, col, 'is empty (choose --missing drop or --missing mean)');
      if (enc.kind === 'numeric') {
        let value = isMissing(cell) ? enc.mean : parseDecimal(cell);
        if (!Number.isFinite(value)) throw cellError(table, r, col, notANumber(cell));
        if (Object.is(value, -0)) value = 0;
        out[offset++] = value;
        return;
      }
      const at = isMissing(cell) ? undefined : lookups[j]!.get(cell);
      if (at === undefined && !isMissing(cell) && options.unknown !== 'ignore')
        throw cellError(
          table,
          r,
          col,
          `category ${quoteCell(cell)} was not seen in training ` +
            `(known: ${enc.categories.join(', ')}; --unknown ignore encodes it as none)`,
        );
      if (at !== undefined) out[offset + at] = 1;
      offset += enc.categories.length;
    });
  });
  return out;
}
