import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from './run.js';

/**
 * The issue: a cost growing to 1e5 or 1e86 ended "completed", exit 0, model saved. Now a diverging
 * run exits 2 and says which epoch's parameters it kept; one that never had a finite cost saves nothing.
 */
const dir = mkdtempSync(join(tmpdir(), 'gradlab-diverge-'));
const path = (name: string) => join(dir, name);

function csv(name: string, scale: number): string {
  const rows = Array.from({ length: 64 }, (_, i) => {
    const a = ((i * 37) % 64) / 64;
    const b = ((i * 11) % 64) / 64;
    return `${a * scale},${b},${(2 * a + b + ((i * 7) % 5) / 10).toFixed(3)}`;
  });
  writeFileSync(path(name), ['a,b,target', ...rows].join('\n'));
  return path(name);
}

/** `gradlab train` on a regression CSV with raw (unscaled) inputs, saving to `model`. */
const train = (data: string, model: string, flags: string[]) =>
  spawnCli([
    ...['train', '--data', data, '--label', 'target', '--task', 'regression', '--normalize', 'none'],
    ...['--validation', '0', '--quiet', '--save', model, ...flags],
  ]);

describe('gradlab train on a diverging run', () => {
  it('a growing cost stops training, exits 2, names the epoch kept, and saves those parameters', () => {
    const data = csv('grow.csv', 1e3);
    const model = path('grow.json');
    const r = train(data, model, ['--optimizer', 'sgd', '--lr', '0.05', '--epochs', '50']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/training diverged at epoch \d+.*(initial parameters|parameters of epoch \d+).*restored/);
    expect(JSON.parse(readFileSync(model, 'utf8')).version).toBe(2);
  });

  it('a cost that is never finite saves nothing and says so', () => {
    const data = csv('inf.csv', 1e200);
    const model = path('inf.json');
    const r = train(data, model, ['--epochs', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no finite cost was ever computed/);
    expect(r.stderr).toMatch(/inf\.json was not written/);
    expect(existsSync(model)).toBe(false);
  });
});
