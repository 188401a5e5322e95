import type { Tensor } from '../tensor/index.js';

/** Examples X [m, n] with targets y: class indices [m] for classification, values [m, k] for regression. */
export interface Dataset {
  name: string;
  x: Tensor;
  y: Tensor;
  featureNames: string[];
  /** Class names for classification (index i is class i); null for regression. */
  classes: Array<string | number> | null;
}

export type Task = 'binary' | 'multiclass' | 'regression';

export function taskOf(dataset: Dataset): Task {
  if (!dataset.classes) return 'regression';
  return dataset.classes.length <= 2 ? 'binary' : 'multiclass';
}
