import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

describe('gradlab diagnose', () => {
  it('prints the per-layer table, the finding and the suggestion for an architecture', async () => {
    const out = await run(['diagnose', '--data', 'breast_cancer', '--layers', '16,8', '--normalize', 'none']);
    expect(out).toMatch(/^layer\s+activation\s+units\s+init/);
    expect(out).toMatch(/^\s+0\s+relu\s+16\s+heNormal/m);
    expect(out).toMatch(/unnormalizedInputs: .*worst_area/);
    expect(out).toMatch(/suggestion: standardize the inputs/);
  });

  it('--json: a saved model (its scaler applied) on its data, healthy after training', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-diagnose-'));
    try {
      const file = join(dir, 'm.json');
      await run([
        'train',
        '--data',
        'iris',
        '--layers',
        '8',
        '--epochs',
        '60',
        '--lr',
        '0.01',
        '--save',
        file,
        '--quiet',
      ]);
      const result = JSON.parse(await run(['diagnose', '--model', file, '--data', 'iris', '--json']));
      expect(result.layers).toHaveLength(2);
      expect(result.layers[0].init).toBe('heNormal');
      // The scaler was applied: the network sees standardized features.
      for (const f of result.inputs) expect(f.scale).toBeLessThan(2);
      expect(result.diagnosis.findings).toEqual([]);
      expect(result.output.accuracy).toBeGreaterThan(0.9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names symmetry for zeros and suggests the initializer that fits tanh', async () => {
    const out = await run(['diagnose', '--data', 'wine', '--layers', '8,8', '--activation', 'tanh', '--init', 'zeros']);
    expect(out).toMatch(/symmetry: every unit of layers 0, 1/);
    expect(out).toMatch(/suggestion: initialize with lecunNormal/);
  });
});
