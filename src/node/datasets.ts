import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArgumentError } from '../errors.js';
import type { DType } from '../tensor/index.js';
import { isRealDataset, isSyntheticDataset, REAL_DATASETS } from '../data/catalog.js';
import type { Dataset } from '../data/dataset.js';
import { SYNTHETIC } from '../data/synthetic.js';
import { readCsv } from './csvFiles.js';

/**
 * The folder of bundled CSVs (datasets/ at the package root; src/node/, dist/node/ and the bundled CLI's
 * dist/bin/ are all two levels down).
 */
export function datasetsDirectory(): string {
  return fileURLToPath(new URL('../../datasets/', import.meta.url));
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
  /** For CSV files: read the label as classes or as a value (default: integers and strings are classes). */
  labelKind?: 'auto' | 'class' | 'value';
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
      labelKind: options.labelKind,
      labelOptional: options.labelOptional,
    });
  }
  const known = [...Object.keys(REAL_DATASETS), ...Object.keys(SYNTHETIC)].join(', ');
  throw new ArgumentError(`unknown dataset '${spec}': not a file, and not a bundled name (${known})`);
}
