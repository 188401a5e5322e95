import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import { type CsvOptions, parseCsv } from '../data/csv.js';
import type { Dataset } from '../data/dataset.js';
import { DataError } from '../errors.js';
import { parseTable, type Table } from '../data/table.js';
import { parse as parseSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sha256 } from './hash.js';
import { isParquetPath, preloadedParquet } from './parquetFiles.js';
import { RowChunks } from './rowChunks.js';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Reads a CSV file into a Dataset: a header row, numeric features, the label column (`label` unless
 * named). A preloaded Parquet file (see preloadParquet) is read as its CSV would be, with the same checks.
 */
export function readCsv(path: string, options: CsvOptions = {}): Dataset {
  const text = isParquetPath(path) ? tableAsCsv(preloadedParquet(path).table) : readText(path);
  return parseCsv(text, { source: path, ...options, parser: parseSync });
}

function tableAsCsv(table: Table): string {
  return stringify([table.header, ...table.rows]);
}

/**
 * A CSV as text cells (columns found by name later) and the SHA-256 of the file's bytes; a preloaded
 * Parquet file (see preloadParquet) likewise.
 */
export function readTable(path: string, source = path): { table: Table; sha256: string } {
  if (isParquetPath(path)) return preloadedParquet(path, source);
  const text = readText(path);
  return { table: parseTable(text, source, parseSync), sha256: sha256(text) };
}

/**
 * Streams a CSV's feature rows in chunks of `chunkSize` rows (a file larger than memory can be fitted
 * with a scaler's partialFit this way). Same checks and messages as readCsv.
 */
export async function forEachCsvChunk(
  path: string,
  options: CsvOptions & { chunkSize?: number },
  onChunk: (rows: number[][], featureNames: string[]) => void,
): Promise<number> {
  const source = options.source ?? path;
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, bom: true });
  // pipe() does not forward the file's errors (missing file, a folder): the parser would wait forever
  // and the error escape as an uncaught 'error' event; hand them to the parser, whose loop rethrows.
  const input = createReadStream(path).on('error', (error: NodeJS.ErrnoException) =>
    parser.destroy(new DataError(`${source}: cannot read: ${error.code ?? error.message}`)),
  );
  input.pipe(parser);
  const chunks = new RowChunks(options, source, onChunk);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (chunks.started) chunks.add(record, info.lines);
      else chunks.header(record.map((h) => h.trim()));
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${source}: ${(error as Error).message}`);
  }
  if (!chunks.started) throw new DataError(`${source}: the file is empty (expected a header row)`);
  chunks.flush();
  if (chunks.rows === 0) throw new DataError(`${source}: a header but no data rows`);
  return chunks.rows;
}
