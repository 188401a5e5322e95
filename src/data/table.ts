// The browser build of csv-parse (it carries its own Buffer); the Node build needs Node's Buffer.
import { parse as parseSync } from 'csv-parse/browser/esm/sync';
import { DataError } from '../errors.js';

/**
 * A CSV as text cells: its header, its rows and the line each row started on. Columns are found by
 * name (never by position), so a header naming one column twice is refused.
 */
export interface Table {
  /** Name shown in messages (a path or a dataset name). */
  source: string;
  header: string[];
  rows: string[][];
  /** The 1-based file line of each row (for messages). */
  lines: number[];
}

/** Refuses a header that names a column twice (which of the two would "by name" mean?). */
export function checkHeader(header: readonly string[], source: string): void {
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') throw new DataError(`${source} line 1, column ${i + 1}: the column has no name`);
    const first = seen.get(name);
    if (first !== undefined)
      throw new DataError(`${source} line 1: column name '${name}' appears twice (columns ${first + 1} and ${i + 1})`);
    seen.set(name, i);
  });
}

/**
 * csv-parse's synchronous parser. Both of its builds have this signature; the browser build carries its
 * own Buffer, and Node's file readers pass the Node build, which parses the bundled digits CSV (270 kB)
 * in ≈ 50 ms instead of ≈ 110 ms.
 */
export type RecordParser = typeof parseSync;

/** A CSV's records with the line each starts on; empty text or a CSV syntax error is a DataError. */
export function readRecords(
  text: string,
  source: string,
  parse: RecordParser = parseSync,
): Array<{ record: string[]; info: { lines: number } }> {
  if (text.trim() === '') throw new DataError(`${source}: the file is empty (expected a header row)`);
  try {
    return parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw new DataError(`${source}: ${(error as Error).message}`);
  }
}

/** Parses CSV text with a header row; ragged rows, an empty file or duplicate names are DataErrors. */
export function parseTable(text: string, source = 'CSV', parse?: RecordParser): Table {
  const [head, ...body] = readRecords(text, source, parse);
  const header = head.record.map((h) => h.trim());
  checkHeader(header, source);
  if (body.length === 0) throw new DataError(`${source}: a header but no data rows`);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const { record, info } of body) {
    if (record.length !== header.length)
      throw new DataError(`${source} line ${info.lines}: ${record.length} fields, the header has ${header.length}`);
    rows.push(record.map((c) => c.trim()));
    lines.push(info.lines);
  }
  return { source, header, rows, lines };
}

/** The index of a named column, or a DataError naming it and the columns there are. */
export function columnIndex(table: Pick<Table, 'header' | 'source'>, name: string, what = 'column'): number {
  const i = table.header.indexOf(name);
  if (i === -1)
    throw new DataError(`${table.source} line 1: no ${what} '${name}' (columns: ${table.header.join(', ')})`);
  return i;
}

/** A table of numbers (e.g. a synthetic dataset) as text cells, numbers in shortest round-trip form. */
export function tableFromColumns(source: string, header: string[], columns: ArrayLike<number>[]): Table {
  checkHeader(header, source);
  const m = columns[0]?.length ?? 0;
  const rows = Array.from({ length: m }, (_, r) => columns.map((c) => String(c[r])));
  return { source, header, rows, lines: rows.map((_, r) => r + 2) };
}

/** Keeps the given rows (in that order). */
export function selectRows(table: Table, rows: ArrayLike<number>): Table {
  const picked = Array.from(rows);
  return { ...table, rows: picked.map((r) => table.rows[r]), lines: picked.map((r) => table.lines[r]) };
}

/** A data source's short name (its file name without folder and extension). */
export function datasetName(source: string): string {
  return source.replace(/^.*[\\/]/, '').replace(/\.(csv|parquet)$/i, '');
}
