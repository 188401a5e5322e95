import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from './atomicWrite.js';
import { isParquetPath } from './parquetFiles.js';
import { writeParquet } from './parquetWrite.js';

/**
 * Writes a header and rows as CSV, atomically (a failed run leaves no partial file); a path ending in
 * `.parquet` is written as Parquet instead (writeParquet), so every command's table output can be either.
 */
export function writeCsv(path: string, header: string[], rows: Array<Array<string | number>>): void {
  if (isParquetPath(path)) writeParquet(path, header, rows);
  else writeFileAtomic(path, stringify([header, ...rows]));
}
