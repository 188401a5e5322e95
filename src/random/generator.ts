/**
 * A seeded pseudo-random generator: xoshiro128** (Blackman & Vigna) seeded through splitmix32.
 * Same seed, same stream, on every machine: it uses only 32-bit integer arithmetic.
 */

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seed number, or a generator to draw from (so several draws share one stream). */
export type Seed = number | Generator;

/** A generator's whole state (xoshiro128 words and the cached second normal): resumes its stream exactly. */
export interface GeneratorState {
  words: [number, number, number, number];
  spareNormal: number | null;
}

/**
 * A seeded pseudo-random generator (xoshiro128**): pass it, or a seed number, wherever gradlab draws
 * random numbers.
 */
export class Generator {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;
  readonly seed: number;

  constructor(seed: number = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`Generator: seed must be a finite number, got ${seed}`);
    this.seed = seed;
    // Fold a (possibly non-integer or large) seed into 32 bits on both halves so that 2**32 + 1 ≠ 1.
    const hi = Math.floor(seed / 4294967296) | 0;
    const mix = { s: (seed | 0) ^ Math.imul(hi, 0x27d4eb2d) };
    this.s0 = splitmix32(mix);
    this.s1 = splitmix32(mix);
    this.s2 = splitmix32(mix);
    this.s3 = splitmix32(mix);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Where the stream is, to continue it later with `Generator.fromState` (checkpoints). */
  getState(): GeneratorState {
    return { words: [this.s0, this.s1, this.s2, this.s3], spareNormal: this.spareNormal };
  }

  /** A generator that continues exactly where `state` was taken. */
  static fromState(state: GeneratorState, seed = 0): Generator {
    const generator = new Generator(seed);
    [generator.s0, generator.s1, generator.s2, generator.s3] = state.words.map((w) => w | 0);
    generator.spareNormal = state.spareNormal;
    return generator;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A double uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A double uniform on [low, high). */
  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** A standard normal draw (Marsaglia's polar method; the second value of each pair is kept). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  /**
   * A standard normal draw conditioned on [a, b] (rejection from the normal; efficient for the usual
   * ±2σ window, where 95% of draws are kept).
   */
  truncatedNormal(a: number = -2, b: number = 2): number {
    if (!(a < b)) throw new RangeError(`truncatedNormal: need a < b, got a=${a}, b=${b}`);
    for (let tries = 0; tries < 1_000_000; tries++) {
      const x = this.normal();
      if (x >= a && x <= b) return x;
    }
    // Window far in a tail: fall back to uniform sampling inside it.
    return this.uniformRange(a, b);
  }

  /** An integer uniform on [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296)
      throw new RangeError(`int: n must be an integer in [1, 2^32], got ${n}`);
    const limit = 4294967296 - (4294967296 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** An independent generator derived from this one (for a sub-task that must not shift this stream). */
  fork(): Generator {
    return new Generator(this.nextUint32() * 4294967296 + this.nextUint32());
  }
}

/** A generator from a seed or the generator itself (so functions can take either). */
export function toGenerator(seed: Seed | undefined, fallback = 0): Generator {
  if (seed instanceof Generator) return seed;
  return new Generator(seed ?? fallback);
}
