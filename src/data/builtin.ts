import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArgumentError } from '../errors.js';
import type { DType } from '../tensor/index.js';
import { readCsv } from './csv.js';
import type { Dataset } from './dataset.js';
import { SYNTHETIC, type SyntheticName } from './synthetic.js';

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

/** The folder of bundled CSVs (datasets/ at the package root; src/ and dist/ are both two levels down). */
export function datasetsDirectory(): string {
  return fileURLToPath(new URL('../../datasets/', import.meta.url));
}

export function isRealDataset(name: string): name is RealDatasetName {
  return Object.hasOwn(REAL_DATASETS, name);
}

export function isSyntheticDataset(name: string): name is SyntheticName {
  return Object.hasOwn(SYNTHETIC, name);
}

export interface LoadOptions {
  dtype?: DType;
  seed?: number;
  /** For synthetic sets: number of examples and noise. */
  n?: number;
  noise?: number;
  /** For CSV files: label column and feature selection. */
  label?: string | null;
  features?: string[];
  classes?: ReadonlyArray<string | number> | null;
  labelOptional?: boolean;
}

/** A bundled real dataset, a synthetic one by name, or a CSV file by path. */
export function loadDataset(spec: string, options: LoadOptions = {}): Dataset {
  if (isRealDataset(spec)) {
    return {
      ...readCsv(`${datasetsDirectory()}${spec}.csv`, {
        dtype: options.dtype,
        features: options.features,
        source: spec,
      }),
      name: spec,
    };
  }
  if (isSyntheticDataset(spec)) {
    const noise =
      options.noise ?? (spec === 'circles' || spec === 'moons' ? 0.05 : spec === 'spirals' ? 0.03 : undefined);
    return SYNTHETIC[spec]({ n: options.n, noise, seed: options.seed ?? 1, dtype: options.dtype });
  }
  if (spec.toLowerCase().endsWith('.csv') || existsSync(spec)) {
    return readCsv(spec, {
      dtype: options.dtype,
      label: options.label,
      features: options.features,
      classes: options.classes,
      labelOptional: options.labelOptional,
    });
  }
  const known = [...Object.keys(REAL_DATASETS), ...Object.keys(SYNTHETIC)].join(', ');
  throw new ArgumentError(`unknown dataset '${spec}': not a file, and not a bundled name (${known})`);
}
