// A high-precision tanh for the kernel's accuracy tests, in double-double arithmetic (a value is hi + lo,
// ≈106 bits). Math.tanh is not a reference: V8's fdlibm port is not correctly rounded (up to ~1 ulp off),
// the same size as the errors we measure. Method, for x ≥ 0:
//   u = 2x / 2^m ≤ 0.5 (exact),  em = expm1(u) by its Taylor series (terms to 2⁻¹¹⁰),
//   m times: em ← em·(em + 2)  (expm1(2v) = expm1(v)·(expm1(v) + 2), no cancellation),
//   tanh x = em / (em + 2).
// Each doubling at most doubles the relative error, so ≤ 2⁷·2⁻¹⁰⁴ for |x| ≤ 25; the test checks the
// result against mpmath at 300 bits (test/fixtures/mpmath/tanh.json) to 2⁻⁹⁰.

export interface DoubleDouble {
  hi: number;
  lo: number;
}

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp's split)

export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const v = s - a;
  return { hi: s, lo: a - (s - v) + (b - v) };
}

export function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

export function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b;
  const ta = SPLITTER * a;
  const ah = ta - (ta - a);
  const al = a - ah;
  const tb = SPLITTER * b;
  const bh = tb - (tb - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

export function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

export function mul(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const p = twoProduct(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

export function div(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const q1 = a.hi / b.hi;
  const r1 = add(a, mul(b, { hi: -q1, lo: 0 }));
  const q2 = r1.hi / b.hi;
  const r2 = add(r1, mul(b, { hi: -q2, lo: 0 }));
  const q3 = r2.hi / b.hi;
  return add(quickTwoSum(q1, q2), { hi: q3, lo: 0 });
}

/** tanh(x) as a double-double (hi is within half an ulp of the exact value, lo the rest). */
export function referenceTanh(x: number): DoubleDouble {
  if (Number.isNaN(x)) return { hi: Number.NaN, lo: 0 };
  if (x < 0) {
    const t = referenceTanh(-x);
    return { hi: -t.hi, lo: -t.lo };
  }
  if (x > 25) return { hi: 1, lo: 0 }; // 1 − tanh x < 2⁻⁷²
  // tanh x = x − x³/3 + 2x⁵/15 − …: below 2⁻³⁰ the x⁵ term is under 2⁻¹⁴⁶·x.
  if (x < 2 ** -30) return quickTwoSum(x, (-x * x * x) / 3);
  let u = 2 * x;
  let m = 0;
  while (u > 0.5) {
    u /= 2;
    m++;
  }
  const ud: DoubleDouble = { hi: u, lo: 0 };
  let term = ud;
  let em = ud;
  for (let j = 2; Math.abs(term.hi) > 2 ** -112 * em.hi; j++) {
    term = div(mul(term, ud), { hi: j, lo: 0 });
    em = add(em, term);
  }
  for (let i = 0; i < m; i++) em = mul(em, add(em, { hi: 2, lo: 0 }));
  return div(em, add(em, { hi: 2, lo: 0 }));
}

/** The spacing of floats with `bits` significant bits (53 or 24) at |value|, down to `minUlp`. */
function ulpAt(value: number, bits: number, minUlp: number): number {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return minUlp;
  let exponent = Math.floor(Math.log2(magnitude));
  if (2 ** exponent > magnitude)
    exponent--; // log2 rounded up just below a power of 2
  else if (2 ** (exponent + 1) <= magnitude) exponent++;
  return Math.max(2 ** (exponent - bits + 1), minUlp);
}

/**
 * The error of `computed` in ulps of the exact value ref.hi + ref.lo, at the precision given by `bits`
 * (53: float64, 24: float32). Just below a power of two (ref.hi = 2^e, ref.lo < 0) the ulp is the
 * smaller one.
 */
export function ulpError(computed: number, ref: DoubleDouble, bits: 53 | 24): number {
  if (Number.isNaN(computed) || Number.isNaN(ref.hi))
    return Number.isNaN(computed) && Number.isNaN(ref.hi) ? 0 : Infinity;
  const minUlp = bits === 53 ? 2 ** -1074 : 2 ** -149;
  let ulp = ulpAt(ref.hi, bits, minUlp);
  const magnitude = Math.abs(ref.hi);
  if (magnitude === 2 ** Math.round(Math.log2(magnitude)) && ref.lo * ref.hi < 0) ulp = Math.max(ulp / 2, minUlp);
  return Math.abs(computed - ref.hi - ref.lo) / ulp;
}
