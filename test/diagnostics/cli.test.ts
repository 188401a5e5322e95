import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('--model reads the data as the model does: its label column, classes and encodings (not the file on its own terms)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-diagnose-'));
    try {
      // String classes in a column not called 'label', and a text column one-hot encoded in training.
      const rows = Array.from({ length: 120 }, (_, i) => {
        const x = ((i * 37) % 120) / 120;
        const colour = ['red', 'blue', 'green'][i % 3];
        return `${colour},${x.toFixed(4)},${x > 0.5 ? 'yes' : 'no'}`;
      });
      const csv = (name: string, lines: string[]) => {
        const path = join(dir, name);
        writeFileSync(path, ['colour,x,answer', ...lines].join('\n'));
        return path;
      };
      const all = csv('all.csv', rows);
      const yesOnly = csv(
        'yes.csv',
        rows.filter((r) => r.endsWith('yes')),
      );
      const model = join(dir, 'm.json');
      await run([
        'train',
        '--data',
        all,
        '--label',
        'answer',
        '--categorical',
        'colour',
        '--epochs',
        '80',
        '--lr',
        '0.01',
        '--save',
        model,
        '--quiet',
      ]);
      const diagnosed = JSON.parse(await run(['diagnose', '--model', model, '--data', yesOnly, '--json']));
      expect(diagnosed.schema).toBe('gradlab.diagnose');
      // Every row is the model's class 'yes' (index 1), as eval reads it: the same accuracy.
      const evaluated = JSON.parse(await run(['eval', '--model', model, '--data', yesOnly, '--json']));
      expect(diagnosed.output.accuracy).toBeCloseTo(evaluated.accuracy, 12);
      expect(diagnosed.output.accuracy).toBeGreaterThan(0.8);
      // Flags that describe a new network would be ignored with --model: refused, named.
      await expect(run(['diagnose', '--model', model, '--data', all, '--init', 'zeros'])).rejects.toThrow(
        /--init describes a new network; with --model the saved model's own architecture is used/,
      );
      await expect(
        run(['gradcheck', '--model', model, '--data', all, '--layers', '3,3', '--activation', 'tanh']),
      ).rejects.toThrow(/--layers, --activation describe a new network/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a fresh network decides the task as train does: an integer target with many values asks, --task regression checks a regression', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-task-'));
    try {
      // 65 distinct integers in 130 rows: classes or a quantity? (the issue: diabetes read as 190 classes)
      const rows = Array.from(
        { length: 130 },
        (_, i) => `${(i / 130).toFixed(4)},${((i * 7) % 13) / 13},${100 + (i % 65)}`,
      );
      const data = join(dir, 'reg.csv');
      writeFileSync(data, ['a,b,y', ...rows].join('\n'));
      for (const command of ['gradcheck', 'diagnose'])
        await expect(run([command, '--data', data, '--label', 'y'])).rejects.toThrow(
          /classes or a quantity\? Say --task/,
        );
      const report = JSON.parse(
        await run(['gradcheck', '--data', data, '--label', 'y', '--task', 'regression', '--json']),
      );
      expect(report.verdict).toBe('pass');
      expect(report.parameters.at(-1).shape).toEqual([1]); // one regression output, not 65 classes
      const diagnosed = JSON.parse(
        await run(['diagnose', '--data', data, '--label', 'y', '--task', 'regression', '--json']),
      );
      expect(diagnosed.layers.at(-1).units).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
