import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * The core (tensors to training, gradient checking, initializers, scalers, synthetic data) runs in
 * browsers too: none of its modules may import Node-only code. Node integrations live in the files
 * listed here, registered by src/nodeIntegrations.ts.
 */
const src = fileURLToPath(new URL('../src', import.meta.url));
const coreFolders = [
  'random',
  'tensor',
  'kernels',
  'ops',
  'autograd',
  'nn',
  'init',
  'optim',
  'train',
  'gradcheck',
  'diagnostics',
];
const nodeOnly = new Set(['nn/files.ts', 'train/terminalProgress.ts', 'gradcheck/workers.ts', 'gradcheck/worker.ts']);
const coreData = [
  'data/synthetic.ts',
  'data/standardScaler.ts',
  'data/minMaxScaler.ts',
  'data/matrix.ts',
  'data/dataset.ts',
  'data/scaler.ts',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

it('the core imports nothing Node-only', () => {
  const core = [...coreFolders.flatMap((d) => files(join(src, d))), ...coreData.map((f) => join(src, f))]
    .map((f) => relative(src, f))
    .filter((f) => f.endsWith('.ts') && !nodeOnly.has(f));
  const offenders = core.filter((f) => {
    const text = readFileSync(join(src, f), 'utf8');
    return (
      /from '(node:[^']+|cli-progress|csv-parse[^']*|csv-stringify[^']*|vega[^']*)'/.test(text) ||
      /from '\.\.\/(io|report|cli|experiments)\//.test(text) ||
      /files\.js'|\/csv\.js'|builtin\.js'/.test(text)
    );
  });
  expect(core.length).toBeGreaterThan(50);
  expect(offenders).toEqual([]);
});
