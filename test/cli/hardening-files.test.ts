import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMlp, modelToJSON, ModelFormatError } from '../../src/index.js';
import { cli, errorLines, scratch } from './hardeningRun.js';
import { run } from './run.js';

const path = scratch('files');

describe('self-contradicting scaler statistics in a model or scaler file are refused (the issue)', () => {
  const model = path('model.json');
  const scaler = path('scaler.json');
  beforeAll(() => {
    expect(cli(['train', '--data', 'iris', '--layers', '4', '--epochs', '1', '--quiet', '--save', model]).status).toBe(
      0,
    );
    expect(cli(['normalize', 'fit', '--data', 'iris', '--out', scaler]).status).toBe(0);
  });

  const spoiled = (source: string, name: string, spoil: (normalizer: Record<string, unknown[]>) => void) => {
    const json = JSON.parse(readFileSync(source, 'utf8'));
    spoil(json.inputs?.scaler ?? json);
    const out = path(name);
    writeFileSync(out, JSON.stringify(json));
    return out;
  };

  it('eval refuses a model whose scaler has m2 -1, m2 null or a zero count', async () => {
    for (const [name, spoil, message] of [
      // A version 2 model file's schema names the field and index first (inputs.scaler.m2.1); a scaler
      // file is checked by the scaler itself (m2[1] (feature) is -1). Either way: refused, field named.
      [
        'neg.json',
        (n: Record<string, unknown[]>) => (n.m2[1] = -1),
        /m2(\[1\] \(sepal_width_\(cm\)\) is -1|\.1: .*>=0)/,
      ],
      ['null.json', (n: Record<string, unknown[]>) => (n.m2[0] = null), /m2(\[0\] .* is null|\.0: .*received null)/],
      ['zero.json', (n: Record<string, unknown[]>) => (n.counts[2] = 0), /counts(\[2\] .* is 0|\.2)/],
    ] as const) {
      const refused = run(['eval', '--model', spoiled(model, name, spoil), '--data', 'iris']);
      await expect(refused, name).rejects.toThrow(ModelFormatError);
      await expect(refused, name).rejects.toThrow(message);
    }
  });

  it('normalize apply refuses a scaler file with m2 -1 and writes nothing', () => {
    const bad = spoiled(scaler, 'bad-scaler.json', (n) => (n.m2[3] = -1));
    const out = path('applied.csv');
    writeFileSync(path('in.csv'), readFileSync(new URL('../../datasets/iris.csv', import.meta.url)));
    const r = cli(['normalize', 'apply', '--scaler', bad, '--data', path('in.csv'), '--out', out]);
    expect(r.status).toBe(1);
    expect(errorLines(r)).toEqual([expect.stringMatching(/ModelFormatError: .*m2\[3\] .* is -1/)]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('no null or NaN is ever written (the issue: m2: null in the scaler file)', () => {
  it('normalize fit on a column of ±1e300 refuses, naming the column, and writes no file', async () => {
    const csv = path('huge.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 2 ? 1e300 : -1e300},${i},${i % 2}`);
    writeFileSync(csv, ['huge,small,label', ...rows].join('\n'));
    const out = path('huge-scaler.json');
    const r = cli(['normalize', 'fit', '--data', csv, '--out', out]);
    expect(r.status).toBe(1);
    expect(errorLines(r)).toEqual([expect.stringMatching(/^gradlab: DataError: .*column 'huge' reaches ±1\.00e\+300/)]);
    expect(existsSync(out)).toBe(false);
    // train refuses the same way (its scaler is fitted on the training rows), or trains with minmax
    await expect(run(['train', '--data', csv, '--epochs', '1', '--quiet'])).rejects.toThrow("column 'huge'");
    const minmax = path('minmax-model.json');
    await run(['train', '--data', csv, '--normalize', 'minmax', '--epochs', '1', '--quiet', '--save', minmax]);
    const saved = JSON.parse(readFileSync(minmax, 'utf8'));
    expect([...saved.inputs.scaler.dataMin, ...saved.inputs.scaler.dataMax].every(Number.isFinite)).toBe(true);
    expect(saved.inputs.scaler.dataMax[0]).toBe(1e300);
  });

  it('modelToJSON refuses a NaN or Infinity anywhere in what it would write (scaler, l2, meta)', () => {
    const model = buildMlp({ inputSize: 2, hidden: [2], outputs: 1, loss: 'binaryCrossEntropy' });
    expect(() => modelToJSON(model, { normalizer: { type: 'standard', m2: [1, Number.NaN] } })).toThrow(
      ModelFormatError,
    );
    expect(() => modelToJSON(model, { normalizer: { type: 'standard', m2: [1, Number.NaN] } })).toThrow(
      'model.normalizer.m2[1] is NaN',
    );
    expect(() => modelToJSON(model, { l2: Number.POSITIVE_INFINITY })).toThrow(/model\.l2 is Infinity/);
    expect(() => modelToJSON(model, { meta: { best: Number.NaN } })).toThrow(/model\.meta\.best is NaN/);
  });
});
