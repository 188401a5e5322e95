import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { stringList } from '../../src/cli/parse.js';
import { parseCsv } from '../../src/data/index.js';
import { ArgumentError } from '../../src/errors.js';
import { runNormalizationExperiment } from '../../src/experiments/normalization.js';
import { runTraining } from '../../src/pipeline/trainRun.js';
import { cli, scratch } from './hardeningRun.js';
import { run } from './run.js';

const path = scratch('column-lists');
// 40 rows: two numeric features, a text column and a binary label (a valid training file).
const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 3 === 0 ? 'red' : 'blue'},${i % 2}`);
writeFileSync(path('d.csv'), `a,b,c,label\n${rows.join('\n')}\n`);

/** The message of the error a command line stops with, in this process (commander's own errors too, at any depth). */
async function refusal(args: string[]): Promise<string> {
  const program = await buildProgram(args);
  const quiet = (command: Command): void => {
    command.exitOverride().configureOutput({ writeErr: () => {}, outputError: () => {} });
    command.commands.forEach(quiet);
  };
  quiet(program);
  const error = await program.parseAsync(['node', 'gradlab', ...args]).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, args.join(' ')).not.toBeNull();
  return error!.message;
}

describe('a column named twice in a list is refused, naming the flag and the column', () => {
  it('train --features a,a (the reported input): exit 1, one line naming --features and a', () => {
    const r = cli(['train', '--data', path('d.csv'), '--features', 'a,a', '--epochs', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--features/);
    expect(r.stderr).toMatch(/'a' is named twice/);
  });

  it('the repeat need not be adjacent, and spaces do not hide it; --label and --categorical too', async () => {
    const train = ['train', '--data', path('d.csv'), '--epochs', '1'];
    expect(await refusal([...train, '--features', 'a,b,a'])).toMatch(/--features.*'a' is named twice/);
    expect(await refusal([...train, '--features', 'b, a ,a'])).toMatch(/--features.*'a' is named twice/);
    expect(await refusal([...train, '--label', 'label,label'])).toMatch(/--label.*'label' is named twice/);
    expect(await refusal([...train, '--categorical', 'c,c'])).toMatch(/--categorical.*'c' is named twice/);
  });

  it('an empty item is refused rather than skipped', async () => {
    const train = ['train', '--data', path('d.csv'), '--epochs', '1'];
    expect(await refusal([...train, '--features', 'a,'])).toMatch(/--features.*empty/);
    expect(await refusal([...train, '--features', 'a,,b'])).toMatch(/--features.*empty/);
    expect(() => stringList(',')).toThrow(/empty/);
    expect(stringList(' a , b ')).toEqual(['a', 'b']);
  });

  it('distinct names still train, with exactly those features', async () => {
    const out = JSON.parse(
      await run(['train', '--data', path('d.csv'), '--features', 'b,a', '--epochs', '1', '--quiet', '--json']),
    );
    expect(out.features).toEqual(['b', 'a']);
  });

  it('normalize compare --features: the same name twice, one name or three are refused before any work', async () => {
    const compare = ['normalize', 'compare', '--steps', '5'];
    expect(await refusal([...compare, '--features', 'mean_radius,mean_radius'])).toMatch(
      /--features.*'mean_radius' is named twice/,
    );
    expect(await refusal([...compare, '--features', 'mean_radius'])).toMatch(/--features: give 2/);
    expect(await refusal([...compare, '--features', 'mean_radius,mean_texture,mean_area'])).toMatch(
      /--features: give 2/,
    );
  });

  it('the library options refuse it too: runTraining, parseCsv and the normalization experiment', () => {
    expect(() => runTraining({ data: path('d.csv'), features: ['b', 'a', 'b'], epochs: 1, quiet: true })).toThrow(
      /--features: column 'b' is named twice/,
    );
    expect(() => runTraining({ data: path('d.csv'), label: ['label', 'label'], epochs: 1, quiet: true })).toThrow(
      ArgumentError,
    );
    expect(() => parseCsv('x,y,label\n1,2,0\n', { features: ['y', 'y'] })).toThrow(
      /features: column 'y' is named twice/,
    );
    expect(parseCsv('x,y,label\n1,2,0\n', { features: ['y', 'x'] }).x.data).toEqual(new Float64Array([2, 1]));
    expect(() => runNormalizationExperiment({ steps: 5, contourFeatures: ['mean_area', 'mean_area'] })).toThrow(
      /contourFeatures: column 'mean_area' is named twice/,
    );
  });
});
