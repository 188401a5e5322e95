// Plain decimal notation with an optional exponent: 12, -0.5, .5, 3., 1e-3, +2E+10. Number() alone
// would also read '0x10' as 16, '0b11' as 3 and '' as 0, silently.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A data cell's number, or NaN unless it is written in decimal (CSV and Parquet cells alike). */
export function parseDecimal(cell: string): number {
  return DECIMAL.test(cell) ? Number(cell) : Number.NaN;
}
