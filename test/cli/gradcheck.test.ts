import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, spawnCli } from './run.js';

/** A small CSV of two noisy, separable features and a 0/1 label (generated here, no fixture needed). */
function csvFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-gradcheck-'));
  const lines = ['a,b,c,label'];
  for (let i = 0; i < 40; i++) {
    const a = Math.sin(i * 1.7);
    const b = Math.cos(i * 0.9);
    lines.push(`${a},${b},${Math.sin(i * 0.3) * 2},${a + b > 0 ? 1 : 0}`);
  }
  const file = join(dir, 'x.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('gradlab gradcheck', () => {
  it('passes a correct network (exit 0) and reports the per-parameter table', () => {
    const r = spawnCli([
      'gradcheck',
      '--data',
      'circles',
      '--l2',
      '0.7',
      '--dropout-rate',
      '0.1',
      '--dropout',
      'frozen',
      '--train-steps',
      '100',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PASS/);
    expect(r.stdout).toMatch(/^0\.weight\s+\[10, 2\]\s+20/m);
    expect(r.stdout).toMatch(/frozen mask/);
  });

  it('catches a planted bug, names the tensor, and exits 1 (a CI gate)', () => {
    const r = spawnCli(['gradcheck', '--data', 'breast_cancer', '--layers', '8', '--inject-bug', '1.weight:swap']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL/);
    expect(r.stdout).toMatch(/^1\.weight .* fail /m);
    expect(r.stdout).toMatch(/planted bug: 1\.weight swap \(rows 0 and \d+ exchanged\)|planted bug: 1\.weight swap/);
  });

  it('--json carries the report, and --include-values the compared arrays', async () => {
    const report = JSON.parse(
      await run([
        'gradcheck',
        '--data',
        'iris',
        '--layers',
        '4',
        '--mode',
        'sampled',
        '--samples',
        '2',
        '--json',
        '--include-values',
      ]),
    );
    expect(report.mode).toBe('sampled');
    expect(report.parameters[0].analyticValues).toHaveLength(4);
    expect(report.parameters[0].numericValues).toHaveLength(4);
    expect(report.checkedDtype).toBe('float64');
  });

  it('rejects a malformed bug spec with a one-line message', () => {
    const r = spawnCli(['gradcheck', '--data', 'iris', '--inject-bug', '0.weight:wobble']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--inject-bug takes <parameter>:<kind> with kind one of scale, swap, drop-l2, sign/);
  });

  it("the issue's ε = 1e-20 with a planted bug is no longer PASS: INCONCLUSIVE with the reason, exit 1", () => {
    const data = csvFile();
    const scaleBugAt = (epsilon: string) =>
      spawnCli(['gradcheck', '--data', data, '--layers', '3', '--epsilon', epsilon, '--inject-bug', '0.weight:scale']);
    const r = scaleBugAt('1e-20');
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/PASS/);
    expect(r.stdout).toMatch(/gradient check \(full, ε = 1\.0e-20\): INCONCLUSIVE/);
    expect(r.stdout).toMatch(/^inconclusive 0\.weight: ε = 1\.0e-20 vanishes beside θ/m);
    expect(r.stdout).toMatch(/would resolve 1\.0e-2/);
    expect(r.stdout).toMatch(
      /planted bug: 0\.weight scale \(gradient scaled by 1\.01; size ‖g_bug − g‖\/‖g‖ = 1\.00e-2\)/,
    );
    // At a step inside the stated range the same bug fails.
    const range = r.stdout.match(/^inconclusive 0\.weight: .*ε in \[([^,]+), ([^\]]+)\]/m)!;
    const caught = scaleBugAt(String(Math.sqrt(Number(range[1]) * Number(range[2]))));
    expect(caught.stdout).toMatch(/^0\.weight .* fail /m);
  });

  it('rejects ε that is not a positive finite number, and takes --epsilon auto', async () => {
    for (const epsilon of ['0', '-1', 'abc', 'Infinity'])
      await expect(run(['gradcheck', '--data', 'iris', '--epsilon', epsilon]), epsilon).rejects.toThrow(
        new RegExp(`--epsilon takes a positive finite number or 'auto', got '${epsilon}'`),
      );
    const auto = spawnCli([
      'gradcheck',
      '--data',
      'circles',
      '--layers',
      '4',
      '--activation',
      'tanh',
      '--epsilon',
      'auto',
    ]);
    expect(auto.status).toBe(0);
    expect(auto.stdout).toMatch(/ε = auto\): PASS/);
    expect(auto.stdout).toMatch(/^0\.weight\s+\[4, 2\]\s+8\s+\d\.\de-\d+\s/m);
  });

  it('--workers takes a positive integer or auto; more threads than cores are not started', async () => {
    for (const bad of ['0', '-1', '1.5', 'abc', '0x2']) {
      const refused = spawnCli(['gradcheck', '--data', 'iris', '--layers', '4', '--workers', bad]);
      expect(refused.status, bad).toBe(1);
      expect(refused.stderr).toMatch(/--workers.*expected a positive integer or auto/);
    }
    const out = await run(['gradcheck', '--data', 'iris', '--layers', '4', '--workers', '1000', '--json']);
    const note = (JSON.parse(out).notes as string[]).find((n) => /threads/.test(n)) ?? '';
    const threads = Number(/ran on (\d+) threads/.exec(note)?.[1]);
    expect(threads).toBeGreaterThanOrEqual(2);
    expect(threads).toBeLessThanOrEqual(Math.max(2, availableParallelism()));
    const one = JSON.parse(await run(['gradcheck', '--data', 'iris', '--layers', '4', '--workers', '1', '--json']));
    expect(one.notes.join(' ')).not.toMatch(/threads/);
    expect(one.difference).toBe(JSON.parse(out).difference);
  });
});

describe('a fresh network on a CSV with a text column (gradcheck and diagnose)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-text-column-'));
  const file = join(dir, 'people.csv');
  const rows = Array.from({ length: 60 }, (_, i) => `${i % 3 ? 'm' : 'f'},${(Math.sin(i) * 3).toFixed(3)},${i % 2}`);
  writeFileSync(file, `sex,age,label\n${rows.join('\n')}\n`);

  it('stops at the text column naming the flag that encodes it, then checks with --categorical or --features', () => {
    const plain = spawnCli(['gradcheck', '--data', file, '--layers', '3']);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(
      /line 2, column 1 \(sex\): 'f' is not a number \(a text column\? say --categorical sex\)/,
    );
    // sex one-hot (sex=f, sex=m) beside age: 3 inputs; age alone: 1.
    const encoded = spawnCli(['gradcheck', '--data', file, '--layers', '3', '--categorical', 'sex']);
    expect(encoded.status).toBe(0);
    expect(encoded.stdout).toMatch(/^0\.weight\s+\[3, 3\]/m);
    const chosen = spawnCli(['gradcheck', '--data', file, '--layers', '3', '--features', 'age']);
    expect(chosen.status).toBe(0);
    expect(chosen.stdout).toMatch(/^0\.weight\s+\[3, 1\]/m);
    // A hostile 5 MB cell gives a one-line message, not a 5 MB one; a decimal beyond float64 is not called text.
    const hostile = join(dir, 'hostile.csv');
    writeFileSync(hostile, `sex,age,label\nf,${'9'.repeat(5_000_000)},1\n${rows.join('\n')}\n`);
    const huge = spawnCli(['gradcheck', '--data', hostile, '--categorical', 'sex']);
    expect(huge.status).toBe(1);
    expect(huge.stderr.length).toBeLessThan(300);
    expect(huge.stderr).toMatch(/line 2, column 2 \(age\): '9{24}…9{8}' \(5000000 characters\) is beyond the range/);
    // A batch larger than the data is all of it, and the report says so.
    const all = spawnCli(['gradcheck', '--data', file, '--layers', '3', '--features', 'age', '--batch-size', '1000']);
    expect(all.stdout).toMatch(/note: the batch is all 60 rows of the data \(--batch-size asked for 1000\)\./);
    const clash = spawnCli(['gradcheck', '--data', file, '--features', 'age,label']);
    expect(clash.stderr).toMatch(/column 'label' cannot be both a feature and a label/);
  });

  it('diagnose encodes the same inputs, and --model refuses the flags that describe a new network', async () => {
    const result = JSON.parse(await run(['diagnose', '--data', file, '--categorical', 'sex', '--json']));
    expect(result.inputs.map((input: { name: string }) => input.name)).toEqual(['sex=f', 'sex=m', 'age']);
    const model = join(dir, 'people.json');
    await run(['train', '--data', file, '--categorical', 'sex', '--layers', '3', '--epochs', '1', '--save', model]);
    const refused = spawnCli(['gradcheck', '--model', model, '--data', file, '--categorical', 'sex']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--categorical describes a new network; with --model the saved model's own/);
    expect(spawnCli(['gradcheck', '--model', model, '--data', file]).status).toBe(0);
  });

  it('an empty cell stops at its line naming --missing, which gradcheck and diagnose take as train does', async () => {
    const holes = join(dir, 'holes.csv');
    writeFileSync(
      holes,
      `sex,age,label\n${rows.map((row, i) => (i === 3 ? row.replace(/,[^,]+,/, ',,') : row)).join('\n')}\n`,
    );
    const plain = spawnCli(['gradcheck', '--data', holes, '--layers', '3', '--categorical', 'sex']);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/line 5, column 2 \(age\): is empty \(choose --missing drop or --missing mean\)/);
    for (const policy of ['drop', 'mean']) {
      const checked = spawnCli([
        'gradcheck',
        '--data',
        holes,
        '--layers',
        '3',
        '--categorical',
        'sex',
        '--missing',
        policy,
      ]);
      expect(checked.status).toBe(0);
      expect(checked.stdout).toMatch(/^0\.weight\s+\[3, 3\]/m);
    }
    const dropped = JSON.parse(
      await run(['diagnose', '--data', holes, '--categorical', 'sex', '--missing', 'drop', '--json']),
    );
    expect(dropped.inputs.map((input: { name: string }) => input.name)).toEqual(['sex=f', 'sex=m', 'age']);
    const model = join(dir, 'people.json');
    const refused = spawnCli(['diagnose', '--model', model, '--data', file, '--missing', 'mean']);
    expect(refused.stderr).toMatch(/--missing describes a new network/);
  });
});
