import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import { type CsvLayout, type CsvOptions, layoutOf, parseCsv, parseRecord } from '../data/csv.js';
import type { Dataset } from '../data/dataset.js';
import { DataError } from '../errors.js';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from './atomicWrite.js';

/** Writes a header and rows as CSV, atomically (a failed run leaves no partial file). */
export function writeCsv(path: string, header: string[], rows: Array<Array<string | number>>): void {
  writeFileAtomic(path, stringify([header, ...rows]));
}

/** Reads a CSV file into a Dataset (header row, numeric features, the label column last unless `label` names it). */
export function readCsv(path: string, options: CsvOptions = {}): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseCsv(text, { source: path, ...options });
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
  const chunkSize = options.chunkSize ?? 1000;
  const parser = createReadStream(path).pipe(
    parse({ info: true, relax_column_count: true, skip_empty_lines: true, bom: true }),
  );
  let layout: CsvLayout | null = null;
  let chunk: number[][] = [];
  let total = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!layout) {
        layout = layoutOf(
          record.map((h) => h.trim()),
          options,
          source,
        );
        continue;
      }
      const row = new Float64Array(layout.featureIdx.length);
      parseRecord(record, info.lines, layout, source, row, 0);
      chunk.push(Array.from(row));
      total++;
      if (chunk.length === chunkSize) {
        onChunk(
          chunk,
          layout.featureIdx.map((i) => layout!.header[i]),
        );
        chunk = [];
      }
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${source}: ${(error as Error).message}`);
  }
  if (!layout) throw new DataError(`${source}: the file is empty (expected a header row)`);
  if (chunk.length)
    onChunk(
      chunk,
      layout.featureIdx.map((i) => layout!.header[i]),
    );
  if (total === 0) throw new DataError(`${source}: a header but no data rows`);
  return total;
}
