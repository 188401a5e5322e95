import { isRealDataset, isSyntheticDataset, REAL_DATASETS, SYNTHETIC } from '../data/index.js';
import { tableFromColumns, type Table } from '../data/table.js';
import { ArgumentError } from '../errors.js';
import { datasetsDirectory } from '../node/datasets.js';
import { readTable } from '../node/csvFiles.js';
import { sha256 } from '../node/hash.js';

/** A dataset as text cells, with a SHA-256 of its content (the file's bytes, or a synthetic set's cells). */
export interface LoadedTable {
  table: Table;
  sha256: string;
}

/** A bundled dataset or a CSV path as a Table; a synthetic one is drawn with `seed` (label column 'label'). */
export function loadTable(spec: string, options: { seed?: number } = {}): LoadedTable {
  if (isRealDataset(spec)) return readTable(`${datasetsDirectory()}${spec}.csv`, spec);
  if (isSyntheticDataset(spec)) {
    const noise = spec === 'circles' || spec === 'moons' ? 0.05 : spec === 'spirals' ? 0.03 : undefined;
    const data = SYNTHETIC[spec]({ noise, seed: options.seed ?? 1 });
    const [m, n] = data.x.shape;
    const k = data.y.size / m;
    const columns = [
      ...Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => data.x.data[i * n + j])),
      ...Array.from({ length: k }, (_, j) => Array.from({ length: m }, (_, i) => data.y.data[i * k + j])),
    ];
    const labels = k === 1 ? ['label'] : Array.from({ length: k }, (_, j) => `label${j}`);
    const table = tableFromColumns(spec, [...data.featureNames, ...labels], columns);
    return { table, sha256: sha256(table.rows.map((r) => r.join(',')).join('\n')) };
  }
  if (spec.toLowerCase().endsWith('.csv') || !/^[a-z_]+$/i.test(spec)) return readTable(spec);
  const known = [...Object.keys(REAL_DATASETS), ...Object.keys(SYNTHETIC)].join(', ');
  throw new ArgumentError(`unknown dataset '${spec}': not a file, and not a bundled name (${known})`);
}
