import { ArgumentError, DataError } from '../errors.js';
import type { Table } from './table.js';

/** Where a model's input columns are in a file, and what the matching noticed. */
export interface ColumnMatch {
  /** indices[j] = the file column holding the model's j-th input column. */
  indices: number[];
  /** The file has the model's columns in another order (the numbers are the same: we matched by name). */
  reordered: boolean;
  /** File columns the model does not read (besides label and id columns), ignored. */
  extra: string[];
  /** The model has no column names (an imported or old file): columns were taken by position. */
  byPosition: boolean;
  /** One sentence per thing worth telling the user (reordering, extra columns, matching by position). */
  notes: string[];
}

/**
 * Finds the model's input columns in a file BY NAME. A missing column is a DataError naming it; label
 * and id columns are never read as features; extra columns are listed and ignored. A model without
 * names (null) takes the file's non-excluded columns by position, which must be exactly `count`.
 */
export function matchColumns(
  table: Pick<Table, 'header' | 'source'>,
  expected: readonly string[] | null,
  options: { exclude?: readonly string[]; count?: number } = {},
): ColumnMatch {
  const exclude = new Set(options.exclude ?? []);
  const notes: string[] = [];
  if (expected === null) {
    const indices = table.header.flatMap((name, i) => (exclude.has(name) ? [] : [i]));
    if (options.count !== undefined && indices.length !== options.count)
      throw new DataError(
        `${table.source}: the model has no column names and reads ${options.count} columns by position, ` +
          `the file has ${indices.length} (${indices.map((i) => table.header[i]).join(', ')})`,
      );
    notes.push(`the model has no column names: matched ${indices.length} columns by position`);
    return { indices, reordered: false, extra: [], byPosition: true, notes };
  }
  const missing = expected.filter((name) => !table.header.includes(name));
  if (missing.length)
    throw new DataError(
      `${table.source}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((n) => `'${n}'`).join(', ')} ` +
        `that the model reads (columns: ${table.header.join(', ')})`,
    );
  const leaked = expected.filter((name) => exclude.has(name));
  if (leaked.length)
    throw new DataError(`${table.source}: column '${leaked[0]}' is both a model input and a label or id column`);
  const indices = expected.map((name) => table.header.indexOf(name));
  const reordered = indices.some((col, j) => j > 0 && col < indices[j - 1]);
  if (reordered) notes.push(`the columns are in another order than in training: matched ${expected.length} by name`);
  const wanted = new Set(expected);
  const extra = table.header.filter((name) => !wanted.has(name) && !exclude.has(name));
  if (extra.length)
    notes.push(`ignored column${extra.length > 1 ? 's' : ''} the model does not read: ${extra.join(', ')}`);
  return { indices, reordered, extra, byPosition: false, notes };
}

/** The first name that appears twice in a list, if any. */
export function repeatedName(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/**
 * Refuses a column list that names one column twice: `features: ['a', 'a']` would feed the network one
 * column as two inputs (and a label named twice would be two targets that are one). `option` names the
 * flag or option in the message.
 */
export function assertDistinctColumns(names: readonly string[] | undefined, option: string): void {
  const twice = names === undefined ? undefined : repeatedName(names);
  if (twice !== undefined)
    throw new ArgumentError(`${option}: column '${twice}' is named twice (${names!.join(', ')})`);
}
