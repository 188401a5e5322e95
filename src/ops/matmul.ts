import { ShapeError, formatShape } from '../errors.js';
import { matmul as matmulKernel } from '../kernels/index.js';
import { Tensor, allocate, record } from '../tensor/index.js';
import { assertTensor, resolveOperands } from './operand.js';

/** Whether to use the transpose of A or of B (no copy is made). */
export interface MatmulOptions {
  /** Use Aᵀ instead of A (A is stored [k, m]). */
  transposeA?: boolean;
  /** Use Bᵀ instead of B (B is stored [n, k]); `matmul(X, W, {transposeB: true})` is X·Wᵀ. */
  transposeB?: boolean;
}

/** Forward of op(A)·op(B) for 2-D tensors, without recording. */
export function computeMatmul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  if (a.rank !== 2 || b.rank !== 2) {
    throw new ShapeError(`matmul: both operands must be 2-D, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, n] = transposeB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== k2) {
    const left = `${formatShape(a.shape)}${transposeA ? 'ᵀ' : ''}`;
    const right = `${formatShape(b.shape)}${transposeB ? 'ᵀ' : ''}`;
    throw new ShapeError(`matmul: inner dimensions differ: ${left} · ${right} (${k} ≠ ${k2})`);
  }
  const out = allocate(a.dtype, m * n);
  matmulKernel(a.data, b.data, out, m, k, n, transposeA, transposeB);
  return new Tensor(out, [m, n]);
}

/**
 * Matrix product of two 2-D tensors, optionally transposing either.
 *
 * C = op(A)·op(B). With G = dC:
 * C = A·B    → dA = G·Bᵀ,   dB = Aᵀ·G
 * C = A·Bᵀ   → dA = G·B,    dB = Gᵀ·A
 * C = Aᵀ·B   → dA = B·Gᵀ,   dB = A·G
 * C = Aᵀ·Bᵀ  → dA = Bᵀ·Gᵀ,  dB = Gᵀ·Aᵀ
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  assertTensor('matmul', a, 'A');
  assertTensor('matmul', b, 'B');
  resolveOperands('matmul', a, b);
  const tA = options.transposeA ?? false;
  const tB = options.transposeB ?? false;
  const out = computeMatmul(a, b, tA, tB);
  return record(out, 'matmul', [a, b], (g) => {
    let da: Tensor | null = null;
    let db: Tensor | null = null;
    if (a.requiresGrad) {
      if (!tA) da = computeMatmul(g, b, false, !tB);
      else da = tB ? computeMatmul(b, g, true, true) : computeMatmul(b, g, false, true);
    }
    if (b.requiresGrad) {
      if (!tB) db = tA ? computeMatmul(a, g, false, false) : computeMatmul(a, g, true, false);
      else db = tA ? computeMatmul(g, a, true, true) : computeMatmul(g, a, true, false);
    }
    return [da, db];
  });
}
