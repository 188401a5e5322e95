import { SYNTHETIC, type SyntheticName } from './synthetic.js';

/** The datasets gradlab bundles (CSV files under datasets/) and the synthetic ones it draws, by name. */
export const REAL_DATASETS = {
  breast_cancer: {
    rows: 569,
    features: 30,
    classes: 2,
    description: 'Breast Cancer Wisconsin (Diagnostic); features span 0.001 to 4,000',
  },
  wine: { rows: 178, features: 13, classes: 3, description: 'Wine recognition; features of very different scales' },
  digits: {
    rows: 1797,
    features: 64,
    classes: 10,
    description: '8×8 handwritten digits (pixels 0–16); 3 constant pixels',
  },
  iris: { rows: 150, features: 4, classes: 3, description: "Fisher's iris" },
} as const;

export type RealDatasetName = keyof typeof REAL_DATASETS;

export const SYNTHETIC_DESCRIPTIONS: Record<SyntheticName, string> = {
  circles: 'two noisy concentric circles (2 features, 2 classes)',
  moons: 'two interleaving half circles (2 features, 2 classes)',
  spirals: 'two interleaved spirals (2 features, 2 classes)',
  xor: 'XOR pattern in the square (2 features, 2 classes)',
  blobs: 'Gaussian blobs (2 features, 3 classes)',
  scaledRegression: 'regression with features on scales 1e-3 … 1e3 (5 features)',
};

export function isRealDataset(name: string): name is RealDatasetName {
  return Object.hasOwn(REAL_DATASETS, name);
}

export function isSyntheticDataset(name: string): name is SyntheticName {
  return Object.hasOwn(SYNTHETIC, name);
}
