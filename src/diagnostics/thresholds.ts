/**
 * The numbers the rules compare against, tuned on the tuning part of the corpus
 * (scripts/diagnostics-corpus.ts; docs/diagnostics.md has the measurements and the held-out table).
 */
export interface DiagnosisThresholds {
  /** Input features: largest / smallest scale √(mean²+std²) above this → unnormalizedInputs. */
  inputScaleSpread: number;
  /** …or any feature's scale above this. */
  inputScale: number;
  /** Weight std / the matching initializer's std at or above this → largeWeights… */
  largeWeightRatio: number;
  /** …when the initial loss is at least this many times the chance loss. */
  largeWeightLossRatio: number;
  /** A hidden ReLU layer active (z > 0) for fewer (example, unit) pairs than this → deadUnits… */
  activeFraction: number;
  /** …or with more of its units dead on the whole batch than this. */
  deadFraction: number;
  /** Fraction of a hidden tanh/sigmoid layer's activations saturated above this → saturation. */
  saturatedFraction: number;
  /**
   * Pre-activation RMS shrinking by more than this factor over the hidden layers → vanishingActivations.
   * 50, lowered from the first tuning's 200: a 16-layer, width-32 Glorot ReLU net on digits shrinks its
   * signal 77× and does not train (test/experiments/depth.test.ts), yet got no finding. At 50 the corpus's
   * other part also loses its 2 misses on deep Glorot nets and gains no false finding (94 → 95 of 100;
   * 20 adds one): measured with `npm run diagnostics:corpus`, after that part had been seen.
   */
  vanishingFactor: number;
  /** …growing by more than this factor → explodingActivations. */
  explodingFactor: number;
  /** Per-entry weight gradient trend from the output to the first layer beyond this factor. */
  gradientFactor: number;
}

/** The thresholds diagnose() uses by default (tuned on part of an outcome-labelled corpus: docs/diagnostics.md). */
export const DIAGNOSIS_THRESHOLDS: Readonly<DiagnosisThresholds> = Object.freeze({
  inputScaleSpread: 100,
  inputScale: 10,
  largeWeightRatio: 15,
  largeWeightLossRatio: 2,
  activeFraction: 0.15,
  deadFraction: 0.9,
  saturatedFraction: 0.3,
  vanishingFactor: 50,
  explodingFactor: 100,
  gradientFactor: 100,
});
