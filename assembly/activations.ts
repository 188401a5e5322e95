// WebAssembly SIMD kernels for elementwise activations (compiled by AssemblyScript at build time into
// its own module, beside gemm.ts).
//
// tanh, float64, two lanes at a time, on a = |x| (the sign is put back at the end, so tanh(−x) = −tanh(x)
// bit for bit and −0 stays −0):
//
//   a < 0.55:  tanh(a) = a − a·z·S(z)/N(z), z = a², from Lambert's continued fraction
//              tanh a = a/(1 + z/(3 + z/(5 + … + z/13))) written as a·(N − z·S)/N. Its integer
//              coefficients are exact doubles; the truncation error is 2⁻⁶⁰ relative at a = 0.55 (mpmath,
//              200 bits). Only the correction c = a·z·S/N (≤ a/10) carries rounding error, and a − c gives
//              a exactly for subnormal and tiny a.
//   a ≥ 0.55:  tanh(a) = 1 − 2/(e^{2a} + 1), with 2a = k·ln2 + r (k = round(2a/ln2), r = (2a − k·L1) − k·L2
//              (Cody–Waite: L1 = ln2 to 32 bits, so k·L1 is exact for k ≤ 64), |r| ≤ ln2/2), and
//              e^r = 1 + s, s = r + r²·g(r), g a degree-10 Chebyshev interpolant of (e^r − 1 − r)/r²
//              (error 1.7·10⁻¹⁹ on e^r). e^{2a} + 1 is formed as (2^k + 1) + 2^k·s: one rounding instead
//              of two (2^k + 1 is exact for k ≤ 52; above, the 1 is below e1's last bit). a is clamped to 22,
//              where 1 − 2/(e^44 + 1) rounds to 1.
//
// Why 0.55 (measured against mpmath and the tests' double-double reference): the exponential form
// loses accuracy as 2/(e^{2a} + 1) approaches tanh itself (max 1.38 ulp just above 0.55, 1.04 in
// [0.8, 0.9]: bench/tanh-accuracy.ts), but the continued fraction is monotone only while its correction is small: adjacent doubles
// move a − c by (1 − tanh²a)·ulp(a), and c's few-ulp(c) rounding noise must stay below that. At 0.85
// (c ≈ 0.16, ulp(a) = 4 ulp(c)) runs of adjacent doubles went down 4 times in 30 000; at 0.55
// (c ≈ 0.05, ulp(a) = 16 ulp(c)) never. In the exponential branch each step is a rounded operation of
// a monotone argument (r is exact up to one rounding of a constant), so it is monotone for fixed k;
// the tests check the junction and every change of k.
//
// float32 inputs are widened to float64, computed as above, and rounded once to float32 (≤ 0.5 ulp of
// float32 plus a 2⁻²⁹ share of the float64 error).
//
// The kernels work in place on whole vectors: the caller pads the array to a multiple of 4 elements, so
// there is no scalar tail and a value gives the same bits at any position.

/** Where free memory starts (after AssemblyScript's static data). */
export function heapBase(): usize {
  return __heap_base;
}

// The constants live in a table in memory and are loaded as splats (one vmovddup each in V8's x64 code):
// x64 has no vector immediates, so V8 builds each v128.const from general registers at every use.
// Continued fraction, 7 levels: N(z) and S(z) = (N(z) − D(z))/z, lowest power first, exact integers.
// g(r) = (e^r − 1 − r)/r²: Chebyshev interpolant on [−ln2/2, ln2/2] (mpmath), lowest power first.
const TABLE = memory.data<f64>([
  -0.0, // the sign bit
  1.0, // also the exponent bias of 2^k, as bits
  2.0,
  0.55, // SMALL: below it, the continued fraction
  22.0, // SATURATED: tanh rounds to 1 from 19.06 on
  1.4426950408889634, // 1/ln2
  6755399441055744.0, // 1.5·2^52: adding it rounds to an integer, which lands in the low bits
  0.6931471803691238, // LN2_HI = 0x1.62e42feep-1
  1.9082149292705877e-10, // LN2_LO = ln2 − LN2_HI
  2027025.0, 945945.0, 51975.0, 630.0, // N0…N3 (N4 = 1)
  675675.0, 45045.0, 594.0, // S0…S2 (S3 = 1)
  0.5, 0.1666666666666667, 0.04166666666666667, 0.008333333333326141, 0.0013888888888883752, // G0…G4
  0.00019841269874800493, 2.4801587325533363e-5, 2.7557255425746435e-6, 2.7557273661348637e-7, // G5…G8
  2.510520637395701e-8, 2.0914679376583935e-9, // G9, G10
  709.8, // EXP_HIGH: exp overflows from 709.782712893384 on
  -746.0, // EXP_LOW: exp rounds to 0 below −745.1332191019412
  -1.9082149292705877e-10, // −LN2_LO
  0.5,
], 16);
const SIGN = 0;
const ONE = 1;
const TWO = 2;
const SMALL = 3;
const SATURATED = 4;
const INV_LN2 = 5;
const SHIFTER = 6;
const LN2_HI = 7;
const LN2_LO = 8;
const N = 9;
const S = 13;
const G = 16;
const EXP_HIGH = 27;
const EXP_LOW = 28;
const MINUS_LN2_LO = 29;
const HALF = 30;

@inline
function c(index: i32): v128 {
  return v128.load64_splat(TABLE + (<usize>index << 3));
}

/** a·b + c(index), in two roundings (no fused multiply–add: it is not deterministic across hosts). */
@inline
function mulAdd(a: v128, b: v128, index: i32): v128 {
  return f64x2.add(f64x2.mul(a, b), c(index));
}

/**
 * tanh of two float64 lanes. Both branches end in `head − numerator/denominator`, so the lanes pick
 * their three terms and share one division; both are always computed (no branch to mispredict on
 * mixed inputs, and a lane's bits do not depend on its neighbour).
 */
@inline
function tanhVector(x: v128): v128 {
  const sign = v128.and(x, c(SIGN));
  const a = f64x2.abs(x);
  // a < SMALL: a − a·z·S(z)/N(z).
  const z = f64x2.mul(a, a);
  const n = mulAdd(mulAdd(mulAdd(f64x2.add(z, c(N + 3)), z, N + 2), z, N + 1), z, N);
  const s = mulAdd(mulAdd(f64x2.add(z, c(S + 2)), z, S + 1), z, S);
  const correction = f64x2.mul(f64x2.mul(a, z), s);
  // a ≥ SMALL (also +∞ and NaN): 1 − 2/((2^k + 1) + 2^k·expm1(r)). pmin keeps a NaN lane (22 < NaN is
  // false) and clamps +∞.
  const clamped = f64x2.pmin(a, c(SATURATED));
  const y = f64x2.add(clamped, clamped);
  // k = round(y/ln2) (to even, as the addition rounds), and its bits in the low bits of shifted.
  const shifted = f64x2.add(f64x2.mul(y, c(INV_LN2)), c(SHIFTER));
  const k = f64x2.sub(shifted, c(SHIFTER));
  const r = f64x2.sub(f64x2.sub(y, f64x2.mul(k, c(LN2_HI))), f64x2.mul(k, c(LN2_LO)));
  // g(r) by Estrin's scheme: a shorter dependency chain than Horner's (measured 6.1 against 8.9 ns per
  // value: the loop is latency-bound).
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const g03 = f64x2.add(mulAdd(c(G + 1), r, G), f64x2.mul(mulAdd(c(G + 3), r, G + 2), r2));
  const g47 = f64x2.add(mulAdd(c(G + 5), r, G + 4), f64x2.mul(mulAdd(c(G + 7), r, G + 6), r2));
  const g810 = f64x2.add(mulAdd(c(G + 9), r, G + 8), f64x2.mul(c(G + 10), r2));
  const g = f64x2.add(f64x2.add(g03, f64x2.mul(g47, r4)), f64x2.mul(g810, f64x2.mul(r4, r4)));
  const expm1r = f64x2.add(r, f64x2.mul(r2, g));
  // 2^k from its bits: k << 52 plus the bits of 1.0 (k is 0…64 here; NaN lanes stay NaN through expm1r).
  const power = i64x2.add(i64x2.shl(shifted, 52), c(ONE));
  const e1 = f64x2.add(f64x2.add(power, c(ONE)), f64x2.mul(power, expm1r));
  const small = f64x2.lt(a, c(SMALL));
  const head = v128.bitselect(a, c(ONE), small);
  const numerator = v128.bitselect(correction, c(TWO), small);
  const denominator = v128.bitselect(n, e1, small);
  return v128.or(f64x2.sub(head, f64x2.div(numerator, denominator)), sign);
}

/**
 * In place: values[i] = tanh(values[i]) for i < n rounded up to a multiple of 4 (float64). Two vectors
 * per iteration, so that two independent dependency chains overlap (4.9 against 6.2 ns per value with
 * one; four were slower again).
 */
export function tanh64(values: usize, n: i32): void {
  const end = values + (<usize>((n + 3) & ~3) << 3);
  for (let p = values; p < end; p += 32) {
    const low = tanhVector(v128.load(p));
    const high = tanhVector(v128.load(p, 16));
    v128.store(p, low);
    v128.store(p, high, 16);
  }
}

/** In place: values[i] = tanh(values[i]) for i < n rounded up to a multiple of 4 (float32). */
export function tanh32(values: usize, n: i32): void {
  const end = values + (<usize>((n + 3) & ~3) << 2);
  for (let p = values; p < end; p += 16) {
    const x = v128.load(p);
    const low = tanhVector(f64x2.promote_low_f32x4(x));
    const high = tanhVector(f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1)));
    v128.store(p, v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5));
  }
}

/**
 * exp of two float64 lanes: x = k·ln2 + r as in tanh (k = round(x/ln2), Cody–Waite, |r| ≤ ln2/2 + 2⁻⁴⁰),
 * e^r = 1 + r + r²·g(r) with the same g, and e^x = 2^k·e^r. Where the ulps go:
 *  - r = r1 + r2 with r1 = x − k·LN2_HI exact (k·LN2_HI has ≤ 43 bits for |k| ≤ 1076, and the difference
 *    is a multiple of ulp(x) below 1) and r2 = −k·LN2_LO rounded (error ≤ 2⁻⁷⁴). The rounding error of
 *    r1 + r2 (up to 2⁻⁵⁵, a quarter of an ulp of e^x) is kept: rError = (r1 − r) + r2.
 *  - 1 + r is split into head = fl(1 + r) and its exact error (1 − head) + r (|r| < 1), so that only the
 *    last addition head + tail rounds at the precision of the result: without the split, 1 + (r + …)
 *    rounds twice and measured up to 0.88 ulp; with it, 0.68 on [−30, 30] and 0.74 over the whole range
 *    (bench/exp-accuracy.ts, 200,000 points per region; the rest is the tail's own rounding).
 *  - 2^k is applied as 2^⌊k/2⌋·2^(k − ⌊k/2⌋): each factor is a normal double for k ∈ [−1076, 1024], the
 *    first product is exact, and the second rounds once, so results near 2^1024 do not overflow early
 *    and subnormal results are rounded once from the 53-bit e^r (≤ 0.5 ulp of the subnormal plus a
 *    2⁻⁵³ share).
 * x is clamped to [−746, 709.8] first (pmin/pmax keep NaN): below −746 e^x < 2⁻¹⁰⁷⁶ rounds to 0, above
 * 709.8 e^x overflows to ∞ either way; ±∞ land on the bounds. exp(0) = 1 exactly (k = 0, r = 0).
 */
@inline
function expVector(x: v128): v128 {
  const clamped = f64x2.pmax(f64x2.pmin(x, c(EXP_HIGH)), c(EXP_LOW));
  const shifted = f64x2.add(f64x2.mul(clamped, c(INV_LN2)), c(SHIFTER));
  const k = f64x2.sub(shifted, c(SHIFTER));
  const r1 = f64x2.sub(clamped, f64x2.mul(k, c(LN2_HI)));
  const r2 = f64x2.mul(k, c(MINUS_LN2_LO));
  const r = f64x2.add(r1, r2);
  const rError = f64x2.add(f64x2.sub(r1, r), r2);
  const r2sq = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2sq, r2sq);
  const g03 = f64x2.add(mulAdd(c(G + 1), r, G), f64x2.mul(mulAdd(c(G + 3), r, G + 2), r2sq));
  const g47 = f64x2.add(mulAdd(c(G + 5), r, G + 4), f64x2.mul(mulAdd(c(G + 7), r, G + 6), r2sq));
  const g810 = f64x2.add(mulAdd(c(G + 9), r, G + 8), f64x2.mul(c(G + 10), r2sq));
  const g = f64x2.add(f64x2.add(g03, f64x2.mul(g47, r4)), f64x2.mul(g810, f64x2.mul(r4, r4)));
  const head = f64x2.add(c(ONE), r);
  const tail = f64x2.add(f64x2.add(f64x2.sub(c(ONE), head), r), f64x2.add(rError, f64x2.mul(r2sq, g)));
  const er = f64x2.add(head, tail);
  // k = kLow + kHigh, kLow = round(k/2) by the shifter (in floats: x64 has no 64-bit arithmetic shift
  // before AVX-512; with V8's emulation of i64x2.shr_s exp64 took 3.8 instead of 3.5 ns per value, one
  // run on a loaded machine), each in the low bits of its shifted value; the difference of the bits is
  // the integer.
  const shiftedLow = f64x2.add(f64x2.mul(k, c(HALF)), c(SHIFTER));
  const kHigh = i64x2.sub(shifted, shiftedLow);
  const powerLow = i64x2.add(i64x2.shl(i64x2.sub(shiftedLow, c(SHIFTER)), 52), c(ONE));
  const powerHigh = i64x2.add(i64x2.shl(kHigh, 52), c(ONE));
  return f64x2.mul(f64x2.mul(er, powerHigh), powerLow);
}

/**
 * In place: values[i] = exp(values[i]) for i < n rounded up to a multiple of 4 (float64); two vectors
 * per iteration, as tanh64.
 */
export function exp64(values: usize, n: i32): void {
  const end = values + (<usize>((n + 3) & ~3) << 3);
  for (let p = values; p < end; p += 32) {
    const low = expVector(v128.load(p));
    const high = expVector(v128.load(p, 16));
    v128.store(p, low);
    v128.store(p, high, 16);
  }
}

/** In place: values[i] = exp(values[i]) for i < n rounded up to a multiple of 4 (float32, through float64). */
export function exp32(values: usize, n: i32): void {
  const end = values + (<usize>((n + 3) & ~3) << 2);
  for (let p = values; p < end; p += 16) {
    const x = v128.load(p);
    const low = expVector(f64x2.promote_low_f32x4(x));
    const high = expVector(f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1)));
    v128.store(p, v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5));
  }
}

/**
 * log-softmax over `rows` contiguous rows of k float64 values, in place:
 *   y = x − (m + log Σ exp(x − m)),  m = the row's max (m = 0 for a row of −∞),
 * with the exponentials by exp64 over the whole block of shifted values at `scratch` (room for rows·k
 * rounded up to 4, then rows maxes; not overlapping values) and the log by AssemblyScript's Math.log
 * (musl's table-based log, ≤ 0.52 ulp; 0.7 ns per element at k = 10), once per row. The max, the
 * shift, the sum and the subtraction run on pairs (f64x2): scalar loops with f64.max (which V8 lowers to
 * a NaN- and sign-checking sequence) and a sequential sum (a latency-bound chain) cost 2.7 ns per element
 * beside exp64, pairs 1.7 (medians of 15, 32×10 and 128×10). The max is pmax, which may skip a NaN, but
 * then exp(NaN − m) makes the sum, and the whole row, NaN, as Math.max's NaN does. All of it here rather
 * than JavaScript loops around a call of exp64: those made logSoftmax on [32, 10] 9.7 ns per element,
 * this 5.8 (bench/exp.mjs, against 13.5 with Math.exp).
 */
export function logSoftmaxRows64(values: usize, rows: i32, k: i32, scratch: usize): void {
  const n = rows * k;
  const maxes = scratch + (<usize>((n + 3) & ~3) << 3);
  const pairs = k & ~1;
  for (let row = 0; row < rows; row++) {
    const x = values + (<usize>(row * k) << 3);
    const shifted = scratch + (<usize>(row * k) << 3);
    let maxPair = f64x2.splat(-Infinity);
    for (let r = 0; r < pairs; r += 2) maxPair = f64x2.pmax(maxPair, v128.load(x + (<usize>r << 3)));
    const low = f64x2.extract_lane(maxPair, 0);
    const high = f64x2.extract_lane(maxPair, 1);
    let max = high > low ? high : low;
    if (pairs < k) {
      const v = load<f64>(x + (<usize>pairs << 3));
      max = v > max ? v : max;
    }
    if (max == -Infinity) max = 0;
    store<f64>(maxes + (<usize>row << 3), max);
    const m = f64x2.splat(max);
    for (let r = 0; r < pairs; r += 2) {
      const offset = <usize>r << 3;
      v128.store(shifted + offset, f64x2.sub(v128.load(x + offset), m));
    }
    if (pairs < k) store<f64>(shifted + (<usize>pairs << 3), load<f64>(x + (<usize>pairs << 3)) - max);
  }
  exp64(scratch, n);
  for (let row = 0; row < rows; row++) {
    const x = values + (<usize>(row * k) << 3);
    const e = scratch + (<usize>(row * k) << 3);
    // Σ in two lanes (even and odd positions), then the lanes and the odd tail: a fixed order for a
    // given k, so a row's bits do not depend on where it sits; half the latency-bound chain of a
    // sequential sum.
    let sumPair = f64x2.splat(0);
    for (let r = 0; r < pairs; r += 2) sumPair = f64x2.add(sumPair, v128.load(e + (<usize>r << 3)));
    let sum = f64x2.extract_lane(sumPair, 0) + f64x2.extract_lane(sumPair, 1);
    if (pairs < k) sum += load<f64>(e + (<usize>pairs << 3));
    const logZ = load<f64>(maxes + (<usize>row << 3)) + Math.log(sum);
    const z = f64x2.splat(logZ);
    for (let r = 0; r < pairs; r += 2) {
      const offset = <usize>r << 3;
      v128.store(x + offset, f64x2.sub(v128.load(x + offset), z));
    }
    if (pairs < k) store<f64>(x + (<usize>pairs << 3), load<f64>(x + (<usize>pairs << 3)) - logZ);
  }
}

/**
 * Stacked rank-1 updates (float64): for each block p < blocks,
 *   out[p·m·n + i·n + o] = z0[i·n + o] + d[p·m + i]·w[p·n + o],   i < m, o < n,
 * one multiply and one add per value, rounded as the JavaScript expression z0 + d·w is (no fused
 * multiply–add), so a value's bits do not depend on which code computed it. The gradient checker's
 * perturbed pre-activations of the layer after a perturbed one.
 */
export function rankOneRows64(z0: usize, d: usize, w: usize, out: usize, blocks: i32, m: i32, n: i32): void {
  const pairBytes = <usize>(n & ~1) << 3;
  const rowBytes = <usize>n << 3;
  let target = out;
  for (let p = 0; p < blocks; p++) {
    const wp = w + <usize>p * rowBytes;
    for (let i = 0; i < m; i++) {
      const scale = load<f64>(d + (<usize>(p * m + i) << 3));
      const di = f64x2.splat(scale);
      const zi = z0 + <usize>i * rowBytes;
      for (let o: usize = 0; o < pairBytes; o += 16)
        v128.store(target + o, f64x2.add(v128.load(zi + o), f64x2.mul(di, v128.load(wp + o))));
      if (pairBytes < rowBytes)
        store<f64>(target + pairBytes, load<f64>(zi + pairBytes) + scale * load<f64>(wp + pairBytes));
      target += rowBytes;
    }
  }
}
