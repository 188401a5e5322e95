import { ShapeError, formatShape } from '../errors.js';
import { makeInitializer, requireNumber, type Initializer } from './initializer.js';

/**
 * Orthonormalizes the rows of a [rows × cols] matrix (rows ≤ cols) in place by modified Gram–Schmidt,
 * run twice ("twice is enough", Giraud et al. 2005) so that QQᵀ = I to machine precision. Each row
 * keeps the direction of its Gaussian draw.
 */
function orthonormalizeRows(a: Float64Array, rows: number, cols: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < rows; i++) {
      const ri = i * cols;
      for (let j = 0; j < i; j++) {
        const rj = j * cols;
        let dot = 0;
        for (let c = 0; c < cols; c++) dot += a[ri + c] * a[rj + c];
        for (let c = 0; c < cols; c++) a[ri + c] -= dot * a[rj + c];
      }
      let norm = 0;
      for (let c = 0; c < cols; c++) norm += a[ri + c] * a[ri + c];
      norm = Math.sqrt(norm);
      if (norm === 0) throw new Error('orthogonal: degenerate random draw (a zero row); use another seed');
      for (let c = 0; c < cols; c++) a[ri + c] /= norm;
    }
  }
}

/**
 * gain·Q (Saxe et al. 2014): the weight flattened to [out, rest] has orthonormal rows (out ≤ rest) or
 * orthonormal columns (out > rest), from a seeded Gaussian matrix.
 */
export function orthogonal(options: { gain?: number } = {}): Initializer {
  const gain = requireNumber('orthogonal', options.gain, 1);
  return makeInitializer(
    'orthogonal',
    { gain },
    {
      describe: () => `${gain}·Q, Q with orthonormal rows or columns`,
      expectedStd: (shape) => {
        const rows = shape[0];
        const cols = shape.slice(1).reduce((p, d) => p * d, 1);
        return gain * Math.sqrt(Math.min(rows, cols) / (rows * cols));
      },
      fill: (out, shape, gen) => {
        if (shape.length < 2)
          throw new ShapeError(`orthogonal: needs at least 2 dimensions, got ${formatShape(shape)}`);
        const rows = shape[0];
        const cols = rows === 0 ? 0 : out.length / rows;
        const [r, c] = rows <= cols ? [rows, cols] : [cols, rows];
        const q = new Float64Array(r * c);
        for (let i = 0; i < q.length; i++) q[i] = gen.normal();
        orthonormalizeRows(q, r, c);
        if (rows <= cols) for (let i = 0; i < q.length; i++) out[i] = gain * q[i];
        else for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * cols + i] = gain * q[i * c + j];
      },
    },
  );
}
