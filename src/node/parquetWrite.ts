import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from './atomicWrite.js';

/**
 * Writes a header and rows as a Parquet file (hyparquet-writer), atomically. A column whose every
 * non-empty cell is a number (or a number's shortest text, such as a copied label '0') is written as
 * DOUBLE, any other as UTF-8 text; empty cells and nulls are Parquet nulls (read back as empty cells,
 * so a round trip keeps the table's meaning).
 */
export function writeParquet(
  path: string,
  header: string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  options: { rowGroupSize?: number } = {},
): void {
  const columnData = header.map((name, c) => {
    const cells = rows.map((row) => (row[c] === '' || row[c] === undefined ? null : row[c]));
    const numeric = cells.every((v) => v === null || typeof v === 'number' || isNumberText(v));
    return numeric
      ? { name, data: cells.map((v) => (v === null ? null : Number(v))), type: 'DOUBLE' as const }
      : { name, data: cells.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
  });
  const buffer = parquetWriteBuffer({ columnData, rowGroupSize: options.rowGroupSize });
  writeFileAtomic(path, new Uint8Array(buffer));
}

/** Text that a DOUBLE stores without change: it reads back as the same text ('0', '2.5'; not '007' or '1e3'). */
function isNumberText(cell: string): boolean {
  const value = Number(cell);
  return Number.isFinite(value) && String(value) === cell;
}
