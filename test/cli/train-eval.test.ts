import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, spawnCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-cli-'));
const path = (name: string) => join(dir, name);

describe('gradlab train / eval / predict', () => {
  it('trains with a scaler fitted on the training split, saves it in the model, and eval applies it', async () => {
    const model = path('bc.json');
    const out = JSON.parse(
      await run([
        'train',
        '--data',
        'breast_cancer',
        '--layers',
        '8',
        '--epochs',
        '20',
        '--seed',
        '2',
        '--save',
        model,
        '--json',
      ]),
    );
    expect(out.rows).toEqual({ train: 455, validation: 114, dropped: 0 });
    expect(out.validation.accuracy).toBeGreaterThan(0.9);
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file.version).toBe(2);
    expect(file.inputs.scaler.type).toBe('standard');
    expect(file.inputs.scaler.counts[0]).toBe(455);
    const evaluation = JSON.parse(await run(['eval', '--model', model, '--data', 'breast_cancer', '--json']));
    expect(evaluation.rows).toBe(569);
    expect(evaluation.accuracy).toBeGreaterThan(0.9);
  });

  it('reads a CSV with string labels and predicts class names', async () => {
    const rows = Array.from(
      { length: 60 },
      (_, i) => `${i % 2 ? 5 + (i % 7) : -5 - (i % 5)},${(i * 37) % 11},${i % 2 ? 'yes' : 'no'}`,
    );
    writeFileSync(path('yn.csv'), `x,noise,answer\n${rows.join('\n')}\n`);
    const model = path('yn.json');
    await run([
      'train',
      '--data',
      path('yn.csv'),
      '--label',
      'answer',
      '--layers',
      '4',
      '--epochs',
      '60',
      '--lr',
      '0.05',
      '--validation',
      '0',
      '--save',
      model,
      '--quiet',
    ]);
    writeFileSync(path('new.csv'), 'x,noise\n9,3\n-8,1\n');
    const predictions = JSON.parse(await run(['predict', '--model', model, '--data', path('new.csv'), '--json']));
    expect(predictions.predictions.map((p: { predicted: string }) => p.predicted)).toEqual(['yes', 'no']);
  });

  it('refuses a truncated model file with a one-line error and a non-zero exit code', () => {
    writeFileSync(path('trunc.json'), '{"format":"gradlab.model","version":1,"dtype":"flo');
    const r = spawnCli(['eval', '--model', path('trunc.json'), '--data', 'iris']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/ModelFormatError: .*trunc\.json: not valid JSON/);
  });
});

describe('gradlab normalize', () => {
  it('fit streams a CSV, apply reuses the training statistics, and outputs are atomic', async () => {
    writeFileSync(path('train.csv'), 'a,b,label\n1,10,0\n2,20,1\n3,60,1\n');
    writeFileSync(path('test.csv'), 'a,b,label\n2,30,0\n');
    await run(['normalize', 'fit', '--data', path('train.csv'), '--out', path('scaler.json'), '--chunk-size', '2']);
    const scaler = JSON.parse(readFileSync(path('scaler.json'), 'utf8'));
    expect(scaler.mean).toEqual([2, 30]);
    await run([
      'normalize',
      'apply',
      '--scaler',
      path('scaler.json'),
      '--data',
      path('test.csv'),
      '--out',
      path('test.norm.csv'),
    ]);
    const [header, row] = readFileSync(path('test.norm.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('a,b,label');
    const [za, zb, label] = row.split(',').map(Number);
    expect(za).toBe(0);
    expect(zb).toBeCloseTo(0, 15);
    expect(label).toBe(0);
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['non-numeric cell', 'a,b,label\n1,2,0\n3,abc,1\n', /line 3, column 2 \(b\): 'abc' is not a number/],
    ['ragged row', 'a,b,label\n1,2,0\n3\n', /line 3: 1 fields, the header has 3/],
    ['empty file', '', /the file is empty/],
    ['NaN cell', 'a,b,label\n1,NaN,0\n', /line 2, column 2 \(b\): is NaN/],
  ];
  for (const [what, text, message] of malformed) {
    it(`a ${what} fails with one located line, exit code 1, and writes nothing`, () => {
      const input = path(`${what.replace(/ /g, '_')}.csv`);
      writeFileSync(input, text);
      const out = path(`${what.replace(/ /g, '_')}.out.csv`);
      for (const args of [
        ['normalize', 'apply', '--scaler', path('scaler.json'), '--data', input, '--out', out],
        ['normalize', 'fit', '--data', input, '--out', out],
      ]) {
        const r = spawnCli(args);
        expect(r.status).toBe(1);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(message);
        expect(existsSync(out)).toBe(false);
      }
    });
  }

  it('a missing label column is named, with a non-zero exit code', () => {
    writeFileSync(path('nolabel.csv'), 'a,b\n1,2\n');
    const r = spawnCli(['train', '--data', path('nolabel.csv'), '--epochs', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 1: no label column 'label' \(columns: a, b\)/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('compare shows what plain gradient descent does on raw vs standardized features', async () => {
    const result = JSON.parse(await run(['normalize', 'compare', '--steps', '300', '--json']));
    expect(result.raw.best.stepsToTarget).toBeNull();
    expect(result.standardized.best.finalCost).toBeLessThan(0.1);
    expect(result.speedup.factor).toBeGreaterThanOrEqual(20);
  });
});
