import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { checkHeader, type Table } from '../data/table.js';
import { DataError, GradlabError } from '../errors.js';
import { isParquetPath, preloadedParquet } from './parquetFiles.js';

/**
 * Streams a CSV as Tables of at most `chunkRows` rows, each with the file's header (so columns are
 * matched by name per chunk exactly as for the whole file), with parseTable's checks and messages:
 * an empty file, a duplicate column name, a ragged row, a header without rows. Memory stays bounded
 * by the chunk, not the file (a 200 MB CSV: see docs/performance.md). Returns the number of rows.
 */
export async function forEachTableChunk(
  path: string,
  options: { source?: string; chunkRows?: number },
  onChunk: (chunk: Table) => void | Promise<void>,
): Promise<number> {
  const source = options.source ?? path;
  const chunkRows = options.chunkRows ?? 2_000;
  // A Parquet file was read whole before the command ran (see cli/parquetInputs): hand it out in chunks.
  if (isParquetPath(path)) return chunksOf(preloadedParquet(path, source).table, chunkRows, onChunk);
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, bom: true });
  // pipe() does not forward the file's errors: hand them to the parser, whose loop rethrows them.
  const input = createReadStream(path).on('error', (error: NodeJS.ErrnoException) =>
    parser.destroy(new DataError(`${source}: cannot read: ${error.code ?? error.message}`)),
  );
  input.pipe(parser);
  let header: string[] | null = null;
  let rows: string[][] = [];
  let lines: number[] = [];
  let total = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        checkHeader(header, source);
        continue;
      }
      if (record.length !== header.length)
        throw new DataError(`${source} line ${info.lines}: ${record.length} fields, the header has ${header.length}`);
      rows.push(record.map((c) => c.trim()));
      lines.push(info.lines);
      if (rows.length === chunkRows) {
        total += rows.length;
        await onChunk({ source, header, rows, lines });
        rows = [];
        lines = [];
      }
    }
  } catch (error) {
    input.destroy();
    // gradlab's own errors (from onChunk too) pass unchanged; the parser's become DataErrors.
    if (error instanceof GradlabError) throw error;
    throw new DataError(`${source}: ${(error as Error).message}`);
  }
  if (!header) throw new DataError(`${source}: the file is empty (expected a header row)`);
  if (rows.length) {
    total += rows.length;
    await onChunk({ source, header, rows, lines });
  }
  if (total === 0) throw new DataError(`${source}: a header but no data rows`);
  return total;
}

/** A table handed out as chunks of `chunkRows` rows, each with the table's header. */
async function chunksOf(
  table: Table,
  chunkRows: number,
  onChunk: (chunk: Table) => void | Promise<void>,
): Promise<number> {
  for (let start = 0; start < table.rows.length; start += chunkRows) {
    const end = Math.min(table.rows.length, start + chunkRows);
    await onChunk({ ...table, rows: table.rows.slice(start, end), lines: table.lines.slice(start, end) });
  }
  return table.rows.length;
}
