import type { ActivationName } from '../nn/index.js';
import type { LayerStatistics } from './statistics.js';

export type Finding =
  | 'vanishingActivations'
  | 'explodingActivations'
  | 'vanishingGradients'
  | 'explodingGradients'
  | 'saturation'
  | 'deadUnits';

/** `diagnose`'s verdict: healthy or not, each finding in words, and one suggestion. */
export interface Diagnosis {
  healthy: boolean;
  findings: Array<{ kind: Finding; message: string }>;
  /** The initializer that fits the hidden activation, when a finding calls for one. */
  suggestedInit: string | null;
  /** The suggestion in words. */
  suggestion: string | null;
}

/** The variance-preserving initializer that matches an activation. */
export function initializerFor(activation: ActivationName): string {
  if (activation === 'relu' || activation === 'leakyRelu') return 'heNormal';
  if (activation === 'tanh') return 'lecunNormal';
  return 'glorotNormal';
}

const ratioText = (r: number) => (r >= 1 ? `${r.toPrecision(3)}×` : `1/${(1 / r).toPrecision(3)}`);

/**
 * Names vanishing or exploding signals: the activation std (or the weight-gradient norm) shrinking or
 * growing by more than `factor` (default 10) from the first to the last layer; heavy saturation
 * (tanh/sigmoid) or dead ReLUs; and suggests the initializer that matches the hidden activation.
 */
export function diagnose(stats: readonly LayerStatistics[], factor = 10): Diagnosis {
  const findings: Diagnosis['findings'] = [];
  if (stats.length >= 2) {
    const first = stats[0];
    const lastHidden = stats.length > 2 ? stats[stats.length - 2] : stats[stats.length - 1];
    const ratio = lastHidden.activationStd / (first.activationStd || Number.MIN_VALUE);
    if (ratio < 1 / factor) {
      findings.push({
        kind: 'vanishingActivations',
        message: `activation std shrinks ${ratioText(ratio)} from layer ${first.layer} to layer ${lastHidden.layer}: the signal vanishes with depth`,
      });
    } else if (ratio > factor) {
      findings.push({
        kind: 'explodingActivations',
        message: `activation std grows ${ratioText(ratio)} from layer ${first.layer} to layer ${lastHidden.layer}: the signal explodes with depth`,
      });
    }
    const last = stats[stats.length - 1];
    if (first.gradientNorm !== null && last.gradientNorm !== null && last.gradientNorm > 0) {
      const g = first.gradientNorm / last.gradientNorm;
      if (g < 1 / factor)
        findings.push({
          kind: 'vanishingGradients',
          message: `the first layer's weight gradient is ${ratioText(g)} of the last layer's: early layers barely learn`,
        });
      else if (g > factor)
        findings.push({
          kind: 'explodingGradients',
          message: `the first layer's weight gradient is ${ratioText(g)} the last layer's: early layers take huge steps`,
        });
    }
  }
  const saturated = stats.filter((s) => (s.saturatedFraction ?? 0) > 0.5);
  if (saturated.length)
    findings.push({
      kind: 'saturation',
      message: `layers ${saturated.map((s) => s.layer).join(', ')} have most units saturated (|tanh| > 0.99 or sigmoid near 0/1): their gradients are ≈ 0`,
    });
  const dead = stats.filter((s) => (s.deadFraction ?? 0) > 0.5);
  if (dead.length)
    findings.push({
      kind: 'deadUnits',
      message: `layers ${dead.map((s) => s.layer).join(', ')} have most ReLUs dead on this batch`,
    });
  const hidden = stats.length > 1 ? stats[0].activation : null;
  const suggestedInit = findings.length && hidden ? initializerFor(hidden) : null;
  const suggestion = suggestedInit
    ? `for ${hidden} layers use ${suggestedInit}, which preserves the signal's variance through ${hidden}`
    : null;
  return { healthy: findings.length === 0, findings, suggestedInit, suggestion };
}
