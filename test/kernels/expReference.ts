// A high-precision exp for the exp kernel's accuracy tests, in double-double arithmetic (tanhReference.ts).
// Math.exp is not a reference: V8's fdlibm port is not correctly rounded (< 1 ulp off), the size of the
// errors we measure. Method: k = round(x/ln2), r = x − k·ln2 with ln2 as a double-double (error
// ≤ 1076·2⁻¹⁰⁷ in r), e^r by its Taylor series to 2⁻¹¹², and e^x = (hi + lo)·2^k, kept scaled so that
// subnormal and huge results keep ≈106 bits. Checked against mpmath at 300 bits (test/fixtures/mpmath/exp.json).
import { add, type DoubleDouble, div, mul, twoProduct } from './tanhReference.js';

const LN2: DoubleDouble = { hi: Math.LN2, lo: 2.3190468138462996e-17 };

export interface ScaledDoubleDouble extends DoubleDouble {
  /** The value is (hi + lo)·2^k. */
  k: number;
}

/** e^x as (hi + lo)·2^k, 0.7 < hi < 1.42, for finite x. */
export function referenceExp(x: number): ScaledDoubleDouble {
  const k = Math.round(x / Math.LN2);
  const kLn2 = add(twoProduct(k, LN2.hi), { hi: k * LN2.lo, lo: 0 });
  const r = add({ hi: x, lo: 0 }, { hi: -kLn2.hi, lo: -kLn2.lo });
  let term: DoubleDouble = { hi: 1, lo: 0 };
  let sum: DoubleDouble = { hi: 1, lo: 0 };
  for (let j = 1; Math.abs(term.hi) > 2 ** -112; j++) {
    term = div(mul(term, r), { hi: j, lo: 0 });
    sum = add(sum, term);
  }
  return { ...sum, k };
}

/** value·2^−k, exact (in two steps, so that 2^−k itself never overflows). */
function unscale(value: number, k: number): number {
  const half = Math.trunc(k / 2);
  return value * 2 ** -half * 2 ** -(k - half);
}

/**
 * The error of `computed` in ulps of e^x, at the precision given by `bits` (53: float64, 24: float32,
 * with their subnormal spacing 2⁻¹⁰⁷⁴ / 2⁻¹⁴⁹), measured in the scaled domain so that nothing underflows.
 */
export function expUlpError(computed: number, x: number, bits: 53 | 24): number {
  if (Number.isNaN(computed)) return Infinity;
  const ref = referenceExp(x);
  // The exponent of the exact value: hi + lo < 1 (or < 2) moves it down one.
  let exponent = ref.k + Math.floor(Math.log2(ref.hi));
  if (ref.hi === 2 ** (exponent - ref.k) && ref.lo < 0) exponent--;
  const minExponent = bits === 53 ? -1074 : -149;
  const ulpScaled = 2 ** (Math.max(exponent - bits + 1, minExponent) - ref.k);
  return Math.abs(unscale(computed, ref.k) - ref.hi - ref.lo) / ulpScaled;
}
