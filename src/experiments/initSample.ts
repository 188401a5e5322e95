import { getInitializer } from '../init/index.js';
import type { Tensor } from '../tensor/index.js';

export interface InitSampleResult {
  scheme: string;
  config: Record<string, unknown>;
  formula: string;
  shape: number[];
  expectedStd: number | null;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Equal-width bins over [min, max]. */
  histogram: Array<{ from: number; to: number; count: number }>;
}

/** Draws one weight from a scheme and summarizes it against the scheme's promise. */
export function sampleInitializer(scheme: string, shape: number[], seed = 1, bins = 20): InitSampleResult {
  const init = getInitializer(scheme);
  const w: Tensor = init.sample(shape, { seed });
  const n = w.size;
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    mean += w.data[i];
    min = Math.min(min, w.data[i]);
    max = Math.max(max, w.data[i]);
  }
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (w.data[i] - mean) ** 2;
  const width = (max - min) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.floor((w.data[i] - min) / width))]++;
  return {
    scheme: init.name,
    config: { ...init.config },
    formula: init.describe(),
    shape,
    expectedStd: init.expectedStd(shape),
    mean,
    std: Math.sqrt(v / n),
    min,
    max,
    histogram: counts.map((count, i) => ({ from: min + i * width, to: min + (i + 1) * width, count })),
  };
}
