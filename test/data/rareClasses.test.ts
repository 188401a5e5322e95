import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/data/table.js';
import { rareClasses } from '../../src/data/task.js';
import { runTraining } from '../../src/pipeline/trainRun.js';
import { cli, scratch } from '../cli/hardeningRun.js';
import { run } from '../cli/run.js';

const path = scratch('rare-classes');
/** A CSV with one feature `a` and the given labels, one row each. */
const csv = (labels: Array<string | number>) =>
  `a,label\n${labels.map((label, i) => `${(i * 7) % 13},${label}`).join('\n')}\n`;
const repeat = (values: Array<string | number>, times: number) => Array.from({ length: times }, () => values).flat();

describe('a lone extra label value is named loudly, not silently made a class', () => {
  it('digits 0…9 plus one 10 (the reported input): the warning names 10, its count and its line', () => {
    // 30 rows of each digit, then the stray 10 on the last line (301 rows + header: line 302).
    writeFileSync(path('digits.csv'), csv([...repeat([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 30), 10]));
    const r = cli(['train', '--data', path('digits.csv'), '--epochs', '1', '--json']);
    expect(r.status).toBe(0);
    const warnings = r.stderr.split('\n').filter((line) => line.startsWith('gradlab: warning: '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/label '10' is on 1 row \(line 302\) of the 301, while another class has 30/);
    expect(warnings[0]).toMatch(/11 classes/);
    // --json keeps stdout one document, and lists the same warning.
    const out = JSON.parse(r.stdout);
    expect(out.warnings).toEqual([warnings[0].slice('gradlab: warning: '.length)]);
    expect(out.classes).toHaveLength(11);
  });

  it("one 'Yes' among yes/no: says it differs from 'yes' only in case", async () => {
    writeFileSync(path('yes.csv'), csv([...repeat(['yes', 'no'], 30), 'Yes']));
    const out = JSON.parse(await run(['train', '--data', path('yes.csv'), '--epochs', '1', '--quiet', '--json']));
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/label 'Yes' is on 1 row \(line 62\).*differs from 'yes' only in case or spaces/);
  });

  it('what counts as rare: ≤ 2 rows next to a class 10× larger, every such value, lines listed', () => {
    const rare = (labels: Array<string | number>) =>
      rareClasses(parseTable(csv(labels), 't.csv'), 'label').map(({ value, count, lines }) => ({
        value,
        count,
        lines,
      }));
    // Two stray values, one of them twice.
    expect(rare([...repeat([0, 1], 20), 7, 3, 7])).toEqual([
      { value: '7', count: 2, lines: [42, 44] },
      { value: '3', count: 1, lines: [43] },
    ]);
    // A real minority of 3 rows is not flagged, nor 2 rows next to a class only 5× larger.
    expect(rare([...repeat([0, 1], 30), 2, 2, 2])).toEqual([]);
    expect(rare([...repeat([0, 1], 10), 2, 2])).toEqual([]);
    // A tiny balanced file is not flagged.
    expect(rare([0, 1, 0, 1])).toEqual([]);
    // '1.0' is class 1, as classOrder reads it: not a stray value.
    expect(rare([...repeat([0, 1], 20), '1.0'])).toEqual([]);
    // The reader trims cells, so ' dog' is 'dog'; 'DOG' is its own class, and `like` names the one it resembles.
    expect(rare([...repeat(['cat', 'dog'], 20), ' dog'])).toEqual([]);
    const [shouted] = rareClasses(parseTable(csv([...repeat(['cat', 'dog'], 20), 'DOG']), 't.csv'), 'label');
    expect([shouted.value, shouted.like]).toEqual(['DOG', 'dog']);
  });

  it('a class whose only rows land in the validation split is said never to train', () => {
    writeFileSync(path('z.csv'), csv([...repeat([0, 1], 20), 'z']));
    const seen: string[] = [];
    const { result } = runTraining({
      data: path('z.csv'),
      validationSplit: 0.5,
      epochs: 1,
      quiet: true,
      onWarning: (m) => seen.push(m),
    });
    expect(result.warnings).toEqual(seen);
    expect(seen.some((m) => /class 'z' has no training row/.test(m))).toBe(true);
    // Without a validation split the class trains: only the rare-value warning remains.
    const plain = runTraining({ data: path('z.csv'), validationSplit: 0, epochs: 1, quiet: true }).result;
    expect(plain.warnings).toHaveLength(1);
    expect(plain.warnings[0]).toMatch(/label 'z'/);
  });

  it('clean data warns nothing', async () => {
    writeFileSync(path('clean.csv'), csv(repeat([0, 1, 2], 15)));
    const out = JSON.parse(await run(['train', '--data', path('clean.csv'), '--epochs', '1', '--quiet', '--json']));
    expect(out.warnings).toEqual([]);
  });

  it('eval on a file with a label the model never saw is refused, naming the value and the line', async () => {
    writeFileSync(path('d2.csv'), csv(repeat([0, 1, 2], 15)));
    await run(['train', '--data', path('d2.csv'), '--epochs', '1', '--quiet', '--save', path('m.json')]);
    writeFileSync(path('new.csv'), csv([0, 1, 3, 2]));
    const r = cli(['eval', '--model', path('m.json'), '--data', path('new.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 4.*label '3' is not one of the model's classes \(0, 1, 2\)/);
  });
});
