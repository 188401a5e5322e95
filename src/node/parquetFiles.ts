import { readFileSync } from 'node:fs';
import type { FileMetaData } from 'hyparquet';
import type { CsvOptions } from '../data/csv.js';
import { checkHeader, type Table } from '../data/table.js';
import { ArgumentError, DataError } from '../errors.js';
import { sha256 } from './hash.js';
import { RowChunks } from './rowChunks.js';

/** Whether a path names a Parquet file (by its extension, as `.csv` names a CSV). */
export function isParquetPath(path: string): boolean {
  return path.toLowerCase().endsWith('.parquet');
}

/**
 * A Parquet value as the text cell a CSV would hold, so that Parquet goes through the same column,
 * type and missing-value checks as CSV: null is an empty cell (handled by --missing), numbers are
 * written in shortest round-trip form (String of a double parses back to the same double), int64 as
 * its digits, dates in ISO 8601. Nested and binary values have no cell.
 */
export function parquetCell(value: unknown, source: string, column: string, row: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  const kind = value?.constructor?.name ?? typeof value;
  throw new DataError(
    `${source} row ${row + 1}, column ${column}: a ${kind} value; ` +
      'gradlab reads flat columns of numbers, text and booleans',
  );
}

// hyparquet is loaded when a Parquet file is read, not by every command that can read one (≈ 40 ms).
const hyparquet = () => import('hyparquet');

async function open(path: string, source: string) {
  const { asyncBufferFromFile, parquetMetadataAsync } = await hyparquet();
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    file = await asyncBufferFromFile(path);
  } catch (error) {
    throw new DataError(`${source}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new DataError(`${source}: not a readable Parquet file: ${(error as Error).message}`);
  }
  const [, ...fields] = metadata.schema;
  const nested = fields.find((f) => (f.num_children ?? 0) > 0);
  if (nested)
    throw new DataError(
      `${source}: column '${nested.name}' is nested (a struct, list or map); gradlab reads flat columns`,
    );
  const header = fields.map((f) => f.name);
  checkHeader(header, source);
  return { file, metadata, header };
}

/**
 * Calls `onRows` with each row group's rows as text cells (see parquetCell), one row group at a time:
 * memory holds one row group, whatever the file's size. Returns the number of rows.
 */
export async function forEachParquetRowGroup(
  path: string,
  onRows: (rows: string[][], header: string[], firstRow: number) => void,
  source = path,
): Promise<number> {
  const { file, metadata, header } = await open(path, source);
  const { parquetRead } = await hyparquet();
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    let rows: unknown[][] = [];
    try {
      await parquetRead({
        file,
        metadata,
        rowStart: start,
        rowEnd: end,
        onComplete: (r) => {
          rows = r;
        },
      });
    } catch (error) {
      throw new DataError(`${source}: rows ${start + 1}–${end}: cannot decode: ${(error as Error).message}`);
    }
    onRows(
      rows.map((row, r) => row.map((v, c) => parquetCell(v, source, header[c], start + r))),
      header,
      start,
    );
    start = end;
  }
  if (start === 0) throw new DataError(`${source}: a schema but no data rows`);
  return start;
}

/** A whole Parquet file as a Table of text cells (line numbers count the header as line 1, as its CSV would). */
export async function readParquetTable(path: string, source = path): Promise<{ table: Table; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DataError(`${source}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const rows: string[][] = [];
  let header: string[] = [];
  await forEachParquetRowGroup(
    path,
    (group, names) => {
      header = names;
      for (const row of group) rows.push(row);
    },
    source,
  );
  return { table: { source, header, rows, lines: rows.map((_, r) => r + 2) }, sha256: sha256(bytes) };
}

// Parquet is read asynchronously (hyparquet), the table services synchronously: a command reads its
// Parquet inputs first (preloadParquet), and the synchronous readers find them here.
const preloaded = new Map<string, { table: Table; sha256: string }>();

/** Reads a Parquet file now so that the synchronous readers (readTable, readCsv) can use it. */
export async function preloadParquet(path: string): Promise<void> {
  if (!preloaded.has(path)) preloaded.set(path, await readParquetTable(path));
}

/** A preloaded Parquet file (see preloadParquet); an ArgumentError if it was not preloaded. */
export function preloadedParquet(path: string, source = path): { table: Table; sha256: string } {
  const loaded = preloaded.get(path);
  if (!loaded)
    throw new ArgumentError(`${source}: a Parquet file is read asynchronously: await preloadParquet('${path}') first`);
  return source === loaded.table.source ? loaded : { ...loaded, table: { ...loaded.table, source } };
}

/**
 * Streams a Parquet file's feature rows in chunks of `chunkSize` rows, exactly as forEachCsvChunk
 * streams its CSV (same chunk boundaries, whatever the row groups, so partialFit sees the same chunks
 * and fits the same bits), with the same column and number checks. Memory holds one row group and one
 * chunk.
 */
export async function forEachParquetChunk(
  path: string,
  options: CsvOptions & { chunkSize?: number },
  onChunk: (rows: number[][], featureNames: string[]) => void,
): Promise<number> {
  const source = options.source ?? path;
  const chunks = new RowChunks(options, source, onChunk);
  await forEachParquetRowGroup(
    path,
    (rows, header, firstRow) => {
      if (!chunks.started) chunks.header(header);
      // Line numbers as the same data's CSV would have them (the header is line 1).
      rows.forEach((record, r) => chunks.add(record, firstRow + r + 2));
    },
    source,
  );
  chunks.flush();
  return chunks.rows;
}
