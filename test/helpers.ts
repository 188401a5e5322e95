import { expect } from 'vitest';
import type { NestedArray, Tensor } from '../src/index.js';

/** Asserts every value of `actual` is within `tol` (absolute + relative) of `expected`. */
export function expectClose(actual: Tensor | number[] | NestedArray, expected: NestedArray, tol = 1e-12): void {
  const flat = (v: unknown): number[] =>
    typeof v === 'number' ? [v] : Array.isArray(v) ? v.flatMap(flat) : flat((v as Tensor).toArray());
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  a.forEach((x, i) => {
    const ok = Object.is(x, e[i]) || Math.abs(x - e[i]) <= tol * (1 + Math.abs(e[i]));
    if (!ok) throw new Error(`value ${i}: got ${x}, expected ${e[i]} (tol ${tol})`);
  });
}
