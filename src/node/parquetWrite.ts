import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from './atomicWrite.js';

/**
 * Writes a header and rows as a Parquet file (hyparquet-writer), atomically. A column whose every
 * non-empty cell is a number is written as DOUBLE, any other as UTF-8 text; empty cells and nulls are
 * Parquet nulls (read back as empty cells, so a round trip keeps the table's meaning).
 */
export function writeParquet(
  path: string,
  header: string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  options: { rowGroupSize?: number } = {},
): void {
  const columnData = header.map((name, c) => {
    const cells = rows.map((row) => (row[c] === '' || row[c] === undefined ? null : row[c]));
    const numeric = cells.every((v) => v === null || typeof v === 'number');
    return numeric
      ? { name, data: cells as Array<number | null>, type: 'DOUBLE' as const }
      : { name, data: cells.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
  });
  const buffer = parquetWriteBuffer({ columnData, rowGroupSize: options.rowGroupSize });
  writeFileAtomic(path, new Uint8Array(buffer));
}
