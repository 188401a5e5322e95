import { describe, expect, it } from 'vitest';
import { run, spawnCli } from './run.js';

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
});
