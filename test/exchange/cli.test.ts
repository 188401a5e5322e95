import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, spawnCli } from '../cli/run.js';
import { maxScaledDifference, runOnnx, runTfjs } from './runtimes.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gradlab-exchange-cli-'));
const path = (name: string) => join(dir, name);

/** Numbers of a predictions CSV written by `gradlab predict --out` (its prob_ / pred_ columns). */
function predictedValues(file: string): { values: number[]; header: string[] } {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const header = head.split(',');
  const numeric = header.flatMap((h, j) => (/^(prob|pred)_/.test(h) ? [j] : []));
  return { header, values: rows.flatMap((r) => numeric.map((j) => Number(r.split(',')[j]))) };
}

describe('gradlab export and import', () => {
  it('train → export (onnx, tfjs) → the runtimes on raw features agree with gradlab predict', async () => {
    // A regression with a target scaler, on features spanning 1e-3 … 1e3.
    await run([
      'train',
      '--data',
      'scaledRegression',
      '--layers',
      '6',
      '--epochs',
      '3',
      '--quiet',
      '--save',
      path('r.json'),
    ]);
    await run(['predict', '--model', path('r.json'), '--data', 'scaledRegression', '--out', path('r.csv')]);
    const expected = predictedValues(path('r.csv')).values;
    const json = JSON.parse(
      await run(['export', '--model', path('r.json'), '--format', 'onnx', '--out', path('r.onnx'), '--json']),
    );
    expect(json).toMatchObject({ format: 'onnx', dtype: 'float64', outputs: 'values' });
    await run(['export', '--model', path('r.json'), '--format', 'tfjs', '--out', path('r_tfjs')]);
    // The raw features, in the CSV order the model read them: what the synthetic set writes.
    const { loadTable } = await import('../../src/pipeline/index.js');
    const { table } = loadTable('scaledRegression', { seed: 1 });
    const label = table.header.indexOf('label');
    const raw = table.rows.map((r) => r.filter((_, j) => j !== label).map(Number));
    expect(maxScaledDifference((await runOnnx(path('r.onnx'), raw, 'float64')).values, expected)).toBeLessThan(1e-9);
    expect(maxScaledDifference((await runTfjs(path('r_tfjs'), raw)).values, expected)).toBeLessThan(1e-5);
  });

  it('import → predict and gradcheck accept the imported model (columns by position)', async () => {
    const from = join(fixtures, 'onnx', 'mlp_tanh_relu_softmax_f64.onnx');
    const out = await run(['import', '--from', from, '--out', path('imported.json')]);
    expect(out).toMatch(/float64 network, 4 inputs \(by position\), dense → dense → dense; classification/);
    const fixture = JSON.parse(readFileSync(join(fixtures, 'onnx', 'mlp_tanh_relu_softmax_f64.json'), 'utf8'));
    const rows = (fixture.input as number[][]).map((r, i) => {
      const o = fixture.output[i] as number[];
      return [...r, o.indexOf(Math.max(...o))].join(',');
    });
    writeFileSync(path('rows.csv'), `a,b,c,d,label\n${rows.join('\n')}\n`);
    await run(['predict', '--model', path('imported.json'), '--data', path('rows.csv'), '--out', path('p.csv')]);
    const { values, header } = predictedValues(path('p.csv'));
    expect(header).toEqual(['prob_0', 'prob_1', 'prob_2', 'predicted']);
    expect(maxScaledDifference(values, (fixture.output as number[][]).flat())).toBeLessThan(1e-12);
    const check = spawnCli(['gradcheck', '--model', path('imported.json'), '--data', path('rows.csv')]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/PASS/);
    const evaluation = JSON.parse(
      await run(['eval', '--model', path('imported.json'), '--data', path('rows.csv'), '--json']),
    );
    expect(evaluation.classification.accuracy).toBe(1); // labelled with the model's own argmax
    const diagnosis = JSON.parse(
      await run(['diagnose', '--model', path('imported.json'), '--data', path('rows.csv'), '--json']),
    );
    expect(diagnosis.layers.length).toBeGreaterThan(0);
  });

  it('--max-parameters applies to import, before the weights are read', () => {
    const from = join(fixtures, 'onnx', 'mlp_relu_sigmoid_f32.onnx');
    const r = spawnCli(['--max-parameters', '40', 'import', '--from', from, '--out', path('small.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/5 → 7 → 1 needs 50 parameters, above the budget of 40/);
    expect(spawnCli(['--max-parameters', '50', 'import', '--from', from, '--out', path('small.json')]).status).toBe(0);
  });

  it('an unsupported layer: exit 1 and one line naming it', () => {
    const json = JSON.parse(readFileSync(join(fixtures, 'tfjs', 'dense_relu_softmax', 'model.json'), 'utf8'));
    json.modelTopology.config.layers[1] = { class_name: 'BatchNormalization', config: { name: 'bn' } };
    writeFileSync(path('model.json'), JSON.stringify(json));
    const r = spawnCli(['import', '--from', path('model.json'), '--out', path('bn.json')]);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.trim());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /layer type 'BatchNormalization' is not supported \(supported: Dense, Activation, Dropout/,
    );
  });
});
