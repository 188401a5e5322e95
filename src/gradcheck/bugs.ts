import { ArgumentError } from '../errors.js';

/** The bugs `injectBug` can plant in a backward pass, to show that the check catches them. */
export const BUG_KINDS = ['scale', 'swap', 'drop-l2', 'sign'] as const;
/** One of `BUG_KINDS`: scale a gradient, swap two entries, drop the L2 term, or flip the sign. */
export type BugKind = (typeof BUG_KINDS)[number];

/** A bug to plant: which parameter tensor, and which kind. */
export interface PlantedBug {
  /** Parameter name, e.g. '0.weight'. */
  parameter: string;
  kind: BugKind;
}

export function parseBug(spec: string): PlantedBug {
  const at = spec.lastIndexOf(':');
  const parameter = spec.slice(0, at);
  const kind = spec.slice(at + 1) as BugKind;
  if (at <= 0 || !BUG_KINDS.includes(kind))
    throw new ArgumentError(
      `--inject-bug takes <parameter>:<kind> with kind one of ${BUG_KINDS.join(', ')}, got '${spec}'`,
    );
  return { parameter, kind };
}

/**
 * Plants a known bug in one parameter's analytic gradient, as a wrong backward pass would:
 *   scale   — the gradient ×1.01;
 *   swap    — two rows of the gradient exchanged (an indexing bug; two entries of a vector or row);
 *   drop-l2 — the L2 term (λ/m)·W left out of the gradient;
 *   sign    — the sign of the largest-magnitude entry flipped.
 * Returns a description of what was changed.
 */
export function plantBug(
  kind: BugKind,
  gradient: Float64Array,
  shape: readonly number[],
  weights: ArrayLike<number>,
  l2OverM: number,
): string {
  switch (kind) {
    case 'scale':
      for (let i = 0; i < gradient.length; i++) gradient[i] *= 1.01;
      return 'gradient scaled by 1.01';
    case 'swap': {
      // Rows of a matrix; entries of a vector or of a one-row matrix.
      const byRows = shape.length >= 2 && shape[0] >= 2;
      const rows = byRows ? shape[0] : gradient.length;
      const width = byRows ? gradient.length / rows : 1;
      if (rows < 2) throw new ArgumentError('swap needs a gradient with at least two entries');
      const rowNorm = (r: number) => gradient.subarray(r * width, (r + 1) * width);
      // The first pair of rows that differ, so that the swap changes something.
      for (let a = 0; a < rows; a++) {
        for (let b = a + 1; b < rows; b++) {
          const ra = rowNorm(a);
          const rb = rowNorm(b);
          if (ra.some((v, i) => v !== rb[i])) {
            const tmp = ra.slice();
            ra.set(rb);
            rb.set(tmp);
            return byRows ? `rows ${a} and ${b} exchanged` : `entries ${a} and ${b} exchanged`;
          }
        }
      }
      throw new ArgumentError('swap: every row of this gradient is the same; nothing to exchange');
    }
    case 'drop-l2':
      if (!(l2OverM > 0)) throw new ArgumentError('drop-l2 needs L2 regularization (l2 > 0)');
      for (let i = 0; i < gradient.length; i++) gradient[i] -= l2OverM * weights[i];
      return 'L2 term (λ/m)·W removed';
    case 'sign': {
      let best = 0;
      for (let i = 1; i < gradient.length; i++) if (Math.abs(gradient[i]) > Math.abs(gradient[best])) best = i;
      gradient[best] = -gradient[best];
      return `sign of entry ${best} flipped`;
    }
  }
}

/** A bug's size: ‖g_bug − g‖ / ‖g‖ for the tensor it is planted in (0 when it changed nothing). */
export function bugSize(correct: ArrayLike<number>, buggy: ArrayLike<number>): number {
  let change = 0;
  let size = 0;
  for (let i = 0; i < correct.length; i++) {
    change += (buggy[i] - correct[i]) ** 2;
    size += correct[i] ** 2;
  }
  if (change === 0) return 0;
  return Math.sqrt(change) / Math.sqrt(size);
}
