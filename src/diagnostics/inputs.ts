import type { Tensor } from '../tensor/index.js';

/** One input feature's mean, spread and range as the network receives it. */
export interface FeatureStatistics {
  name: string;
  mean: number;
  std: number;
  /** √(mean² + std²): how large the feature's values are, whether from their spread or their offset. */
  scale: number;
}

/** Mean, std and scale of each input column as the network receives it (constant columns included). */
export function inputStatistics(x: Tensor, featureNames?: readonly string[]): FeatureStatistics[] {
  const [m, n] = x.shape;
  const features: FeatureStatistics[] = [];
  for (let j = 0; j < n; j++) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += x.data[i * n + j];
    mean /= m || 1;
    let v = 0;
    for (let i = 0; i < m; i++) v += (x.data[i * n + j] - mean) ** 2;
    const std = Math.sqrt(v / (m || 1));
    features.push({ name: featureNames?.[j] ?? `x${j}`, mean, std, scale: Math.sqrt(mean * mean + std * std) });
  }
  return features;
}
