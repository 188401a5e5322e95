import type { Command } from 'commander';
import { REAL_DATASETS, SYNTHETIC_DESCRIPTIONS } from '../../data/index.js';
import { printTable } from '../print.js';
import { printResult } from '../taskFlags.js';

export function registerDatasets(program: Command): void {
  program
    .command('datasets')
    .description('list the bundled real datasets and the synthetic generators')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const rows = [
        ...Object.entries(REAL_DATASETS).map(([name, d]) => ({
          name,
          kind: 'bundled CSV',
          rows: d.rows,
          features: d.features,
          classes: d.classes,
          description: d.description,
        })),
        ...Object.entries(SYNTHETIC_DESCRIPTIONS).map(([name, description]) => ({
          name,
          kind: 'synthetic (seeded)',
          rows: null,
          features: null,
          classes: null,
          description,
        })),
      ];
      if (opts.json) return printResult('datasets', { datasets: rows });
      printTable(
        ['name', 'kind', 'rows', 'features', 'classes', 'description'],
        rows.map((r) => [r.name, r.kind, r.rows, r.features, r.classes, r.description]),
      );
    });
}
