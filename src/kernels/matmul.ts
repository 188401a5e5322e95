import type { FloatArray } from './types.js';

/**
 * out[m×n] = op(A)·op(B), where op(A) is A [m×k] or Aᵀ (A stored [k×m]) and op(B) is B [k×n] or Bᵀ
 * (B stored [n×k]). No transpose is materialized: each form has a loop order that reads memory in
 * row order (the reference kernel; faster ones plug in beside it).
 */
export function matmulJs(
  a: FloatArray,
  b: FloatArray,
  out: FloatArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): FloatArray {
  out.fill(0);
  if (!transposeA && !transposeB) {
    // i-k-j: out row i accumulates a[i,p] · b row p.
    for (let i = 0; i < m; i++) {
      const oRow = i * n;
      for (let p = 0; p < k; p++) {
        const aip = a[i * k + p];
        if (aip === 0) continue;
        const bRow = p * n;
        for (let j = 0; j < n; j++) out[oRow + j] += aip * b[bRow + j];
      }
    }
  } else if (!transposeA && transposeB) {
    // X·Wᵀ: dot products of rows of A with rows of B.
    for (let i = 0; i < m; i++) {
      const aRow = i * k;
      const oRow = i * n;
      for (let j = 0; j < n; j++) {
        const bRow = j * k;
        let acc = 0;
        for (let p = 0; p < k; p++) acc += a[aRow + p] * b[bRow + p];
        out[oRow + j] = acc;
      }
    }
  } else if (transposeA && !transposeB) {
    // Aᵀ·B with A [k×m]: for each p, out += outer(A row p, B row p).
    for (let p = 0; p < k; p++) {
      const aRow = p * m;
      const bRow = p * n;
      for (let i = 0; i < m; i++) {
        const api = a[aRow + i];
        if (api === 0) continue;
        const oRow = i * n;
        for (let j = 0; j < n; j++) out[oRow + j] += api * b[bRow + j];
      }
    }
  } else {
    // Aᵀ·Bᵀ with A [k×m], B [n×k].
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) acc += a[p * m + i] * b[j * k + p];
        out[i * n + j] = acc;
      }
    }
  }
  return out;
}
