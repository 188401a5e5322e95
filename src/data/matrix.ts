import { DataError, ShapeError, formatShape } from '../errors.js';
import { Tensor, allocate, type DType } from '../tensor/index.js';

/** A 2-D input for scalers: a [m, n] Tensor or rows of numbers. */
export type MatrixLike = Tensor | readonly (readonly number[])[];

export interface Matrix {
  data: ArrayLike<number>;
  rows: number;
  cols: number;
  dtype: DType;
}

export function toMatrix(where: string, x: MatrixLike): Matrix {
  if (x instanceof Tensor) {
    if (x.rank !== 2) throw new ShapeError(`${where}: expected a 2-D [m, n] input, got ${formatShape(x.shape)}`);
    return { data: x.data, rows: x.shape[0], cols: x.shape[1], dtype: x.dtype };
  }
  const rows = x.length;
  const cols = rows ? x[0].length : 0;
  const data = new Float64Array(rows * cols);
  x.forEach((row, r) => {
    if (row.length !== cols) throw new ShapeError(`${where}: row ${r} has ${row.length} values, row 0 has ${cols}`);
    data.set(row, r * cols);
  });
  return { data, rows, cols, dtype: 'float64' };
}

/** The first non-finite cell, as a DataError naming row and column (0-based, with the feature name). */
export function assertFinite(where: string, m: Matrix, featureNames?: readonly string[], allowNaN = false): void {
  for (let i = 0; i < m.data.length; i++) {
    const v = m.data[i];
    if (Number.isFinite(v) || (allowNaN && Number.isNaN(v))) continue;
    const r = Math.floor(i / m.cols);
    const c = i % m.cols;
    const name = featureNames?.[c] ? ` (${featureNames[c]})` : '';
    throw new DataError(`${where}: row ${r}, column ${c}${name} is ${v}; scalers need finite numbers`);
  }
}

/** A new [rows, cols] tensor (in the input's dtype) with f applied to every cell and its column. */
export function mapColumns(m: Matrix, f: (value: number, column: number) => number): Tensor {
  const out = allocate(m.dtype, m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) out[r * m.cols + c] = f(m.data[r * m.cols + c], c);
  }
  return new Tensor(out, [m.rows, m.cols]);
}
