// Plain decimal notation with an optional exponent: 12, -0.5, .5, 3., 1e-3, +2E+10. Number() alone
// would also read '0x10' as 16, '0b11' as 3 and '' as 0, silently.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A data cell's number, or NaN unless it is written in decimal (CSV and Parquet cells alike). */
export function parseDecimal(cell: string): number {
  return DECIMAL.test(cell) ? Number(cell) : Number.NaN;
}

/**
 * A cell as messages quote it: whole up to 40 characters, else its ends and its length, so that a
 * hostile file's 5 MB cell does not become a 5 MB message.
 */
export function quoteCell(cell: string): string {
  return cell.length <= 40 ? `'${cell}'` : `'${cell.slice(0, 24)}…${cell.slice(-8)}' (${cell.length} characters)`;
}

/**
 * Why a non-empty cell that parseDecimal refused is not a number: NaN or Infinity spelled out, a decimal
 * beyond float64's range, or text (`textHint` then follows, e.g. the flag that encodes text columns).
 */
export function notANumber(cell: string, textHint = ''): string {
  if (/^[+-]?(nan|inf(inity)?)$/i.test(cell)) return `is ${cell}`;
  if (DECIMAL.test(cell)) return `${quoteCell(cell)} is beyond the range of float64 numbers`;
  return `${quoteCell(cell)} is not a number${textHint}`;
}
