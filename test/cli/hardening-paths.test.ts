import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  chmodSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileError } from '../../src/errors.js';
import { cli, errorLines, scratch } from './hardeningRun.js';
import { run } from './run.js';

const path = scratch('paths');
const iris = fileURLToPath(new URL('../../datasets/iris.csv', import.meta.url));
const original = readFileSync(iris, 'utf8');
const quick = ['--epochs', '1', '--quiet', '--layers', '3'];

/**
 * The refusal every case must give, before any work: a FileError naming both paths, the input
 * untouched. Run in this process (the guards are part of the program), which spares a node start per
 * case; the first case also runs the built CLI, for the one line on stderr and exit code 1.
 */
async function expectRefused(args: string[], names: string[], untouched: string[]): Promise<void> {
  const before = untouched.map((f) => readFileSync(f));
  const error = await run(args).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, args.join(' ')).toBeInstanceOf(FileError);
  for (const name of names) expect((error as Error).message).toContain(name);
  untouched.forEach((f, i) => expect(readFileSync(f).equals(before[i]), f).toBe(true));
}

describe('an output that is an input is refused before any work (the issue: inputs destroyed)', () => {
  const csv = path('data.csv');
  const model = path('model.json');
  beforeAll(async () => {
    writeFileSync(csv, original);
    await run(['train', '--data', csv, '--save', model, ...quick]);
  });

  it('train --save onto its own CSV', async () => {
    await expectRefused(['train', '--data', csv, '--save', csv, ...quick], ['--save', '--data', 'same file'], [csv]);
    const r = cli(['train', '--data', csv, '--save', csv, ...quick]);
    expect(r.status).toBe(1);
    expect(errorLines(r)).toEqual([
      `gradlab: FileError: --save ${csv} is the same file as --data ${csv}; writing it would destroy the input: choose another --save`,
    ]);
    expect(readFileSync(csv, 'utf8')).toBe(original);
  });

  it('normalize fit --out onto its CSV', async () => {
    await expectRefused(['normalize', 'fit', '--data', csv, '--out', csv], ['--out', '--data'], [csv]);
  });

  it('gradcheck --out onto the model', async () => {
    await expectRefused(['gradcheck', '--model', model, '--data', csv, '--out', model], ['--out', '--model'], [model]);
  });

  it('predict --out onto the model, and onto the data', async () => {
    await expectRefused(['predict', '--model', model, '--data', csv, '--out', model], ['--out', '--model'], [model]);
    await expectRefused(['predict', '--model', model, '--data', csv, '--out', csv], ['--out', '--data'], [csv]);
  });

  it('normalize apply --out onto the scaler file or the data', async () => {
    const scaler = path('scaler.json');
    await run(['normalize', 'fit', '--data', csv, '--out', scaler]);
    await expectRefused(
      ['normalize', 'apply', '--scaler', scaler, '--data', csv, '--out', scaler],
      ['--scaler'],
      [scaler],
    );
    await expectRefused(['normalize', 'apply', '--scaler', scaler, '--data', csv, '--out', csv], ['--data'], [csv]);
  });

  it('a hard link, a symbolic link and a different spelling of the same path are the same file', async () => {
    const hard = path('hard.csv');
    const soft = path('soft.csv');
    linkSync(csv, hard);
    symlinkSync(csv, soft);
    await expectRefused(['train', '--data', csv, '--save', hard, ...quick], ['hard.csv'], [csv]);
    await expectRefused(['train', '--data', soft, '--save', csv, ...quick], ['soft.csv'], [csv]);
    await expectRefused(
      ['train', '--data', csv, '--save', `${dirname(csv)}/./../${dirname(csv).split('/').pop()}/data.csv`, ...quick],
      ['--save'],
      [csv],
    );
  });

  it('a bundled dataset is an input too: --data iris --save <its bundled CSV> is refused', async () => {
    await expectRefused(['train', '--data', 'iris', '--save', iris, ...quick], ['--data iris', 'bundled'], [iris]);
    expect(readFileSync(iris, 'utf8')).toBe(original);
  });

  it('compare-init and normalize compare guard --out against --data as well', async () => {
    const two = path('two.csv');
    writeFileSync(two, 'a,b,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n');
    await expectRefused(['compare-init', '--data', two, '--steps', '1', '--out', two], ['--out', '--data'], [two]);
    await expectRefused(
      ['normalize', 'compare', '--data', two, '--steps', '1', '--out', two],
      ['--out', '--data'],
      [two],
    );
  });

  it('a different file in the same folder is fine (the guard compares files, not folders)', async () => {
    await run(['train', '--data', csv, '--save', path('other.json'), ...quick]);
    expect(JSON.parse(readFileSync(path('other.json'), 'utf8')).format).toBe('gradlab.model');
  });
});

describe('outputs are checked writable before the work, and errors name the target', () => {
  it('a missing folder, a folder given as a file, an unwritable folder', async () => {
    await expectRefused(
      ['train', '--data', 'xor', '--save', path('nope/m.json'), ...quick],
      ['nope', 'does not exist'],
      [],
    );
    await expectRefused(['train', '--data', 'xor', '--save', dirname(path('x')), ...quick], ['is a folder'], []);
    const locked = path('locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root ignores permissions; the check is meaningful only for an ordinary user
    if (process.getuid?.() !== 0)
      await expectRefused(['train', '--data', 'xor', '--save', `${locked}/m.json`, ...quick], [locked], []);
    chmodSync(locked, 0o700);
  });

  it('demo --out must be a folder (an existing file is refused before the lab runs)', async () => {
    const file = path('report-file');
    writeFileSync(file, 'keep me');
    await expectRefused(['demo', '--quick', '--out', file], ['--out', 'not a folder'], [file]);
  });

  it('no temporary file is left beside a refused or failed output', async () => {
    const folder = dirname(path('x'));
    expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('missing or folder inputs are one line naming the flag (the issue: stack traces in normalize fit)', () => {
  it('normalize fit --data <missing>.csv', async () => {
    const r = cli(['normalize', 'fit', '--data', path('missing.csv'), '--out', path('s.json')]);
    expect(r.status).toBe(1);
    expect(errorLines(r)).toEqual([`gradlab: FileError: --data ${path('missing.csv')}: no such file`]);
  });

  it('normalize fit --data <a folder>', async () => {
    const folder = path('a-folder.csv');
    mkdirSync(folder);
    const r = cli(['normalize', 'fit', '--data', folder, '--out', path('s.json')]);
    expect(r.status).toBe(1);
    expect(errorLines(r)).toEqual([`gradlab: FileError: --data ${folder}: is a folder, expected a file`]);
  });

  it('eval --model <missing> and --model <folder>', async () => {
    for (const model of [path('none.json'), dirname(path('x'))]) {
      const error = await run(['eval', '--model', model, '--data', 'iris']).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FileError);
      expect((error as Error).message).toContain(`--model ${model}`);
    }
  });

  it('the library reader gives a DataError for a missing file instead of an uncaught stream error', async () => {
    const { forEachCsvChunk } = await import('../../src/node/index.js');
    const { DataError } = await import('../../src/errors.js');
    await expect(forEachCsvChunk(path('absent.csv'), {}, () => {})).rejects.toBeInstanceOf(DataError);
    await expect(forEachCsvChunk(dirname(path('x')), {}, () => {})).rejects.toThrow(/EISDIR/);
  });

  it('a copy of the data is not the data: writing onto a copy is allowed', async () => {
    const copy = path('copy.csv');
    copyFileSync(iris, copy);
    await run(['normalize', 'fit', '--data', iris, '--out', copy]);
    expect(JSON.parse(readFileSync(copy, 'utf8')).type).toBe('standard');
  });
});
