import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParquetTable, writeParquet } from '../../src/node/index.js';
import { run } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-shards-'));
const path = (name: string) => join(dir, name);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const wineCsv = new URL('../../datasets/wine.csv', import.meta.url).pathname;
const wineParquet = new URL('../fixtures/parquet/wine.parquet', import.meta.url).pathname;

// breast_cancer has 30 features from 1e-3 to 4e3 in size. An extra column offset by 1e6 (std ≈ 3.5) is
// the adversarial case: the naive Σx² − (Σx)²/n keeps about 6 of its digits (relative error ≈ ε·μ²/σ²
// ≈ 1e-6); Chan's merge is exact in real arithmetic, and in float64 limited only by the stored shard
// means, each rounded to half an ulp of 1e6 (5.8e-11): the variance's relative error is then of order
// ε·|μ|/σ (3e-11), not 1e-12.
const [header, ...lines] = readFileSync(new URL('../../datasets/breast_cancer.csv', import.meta.url), 'utf8')
  .trim()
  .split(/\r?\n/);
const rows = lines.map((l) => l.split(',').map(Number)).map((r) => [...r.slice(0, -1), r[0] + 1e6, r.at(-1)!]);
const features = header.split(',').length;
const offset = features - 1;
const csv = (part: number[][]) =>
  `${header.replace(/,label$/, ',offset_radius,label')}\n${part.map((r) => r.join(',')).join('\n')}\n`;
/** 1e-12 relative, or for the offset column the float64 limit of its stored means: 64·ε·|μ|/σ. */
const tolerance = (j: number, mean: number, variance: number) =>
  j === offset ? 64 * Number.EPSILON * (Math.abs(mean) / Math.sqrt(variance)) : 1e-12;
const shards = [rows.slice(0, 100), rows.slice(100, 350), rows.slice(350)];
shards.forEach((s, i) => writeFileSync(path(`shard-${i}.csv`), csv(s)));
writeFileSync(path('all.csv'), csv(rows));

/** Two passes over all rows, in this test: μ = Σx/n, then σ² = Σ(x − μ)²/n. */
function twoPass(j: number): { mean: number; variance: number } {
  const mean = rows.reduce((s, r) => s + r[j], 0) / rows.length;
  return { mean, variance: rows.reduce((s, r) => s + (r[j] - mean) ** 2, 0) / rows.length };
}
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);

describe('gradlab normalize merge / fit over shards', () => {
  it('merging scalers fitted on shards equals one fit over all rows to 1e-12 relative', async () => {
    for (let i = 0; i < 3; i++)
      await run([
        'normalize',
        'fit',
        '--data',
        path(`shard-${i}.csv`),
        '--out',
        path(`s${i}.json`),
        '--chunk-size',
        '64',
      ]);
    await run(['normalize', 'fit', '--data', path('all.csv'), '--out', path('whole.json')]);
    const out = await run([
      'normalize',
      'merge',
      path('s0.json'),
      path('s1.json'),
      path('s2.json'),
      '--out',
      path('merged.json'),
    ]);
    expect(out).toContain('merged 3 standard scalers (569 rows)');
    const merged = json(path('merged.json'));
    const whole = json(path('whole.json'));
    expect(merged.counts).toEqual(whole.counts);
    expect(merged.featureNames).toEqual(whole.featureNames);
    for (let j = 0; j < features; j++) {
      const reference = twoPass(j);
      const tol = tolerance(j, reference.mean, reference.variance);
      expect(relative(merged.mean[j], reference.mean)).toBeLessThan(1e-12);
      expect(relative(merged.m2[j] / merged.counts[j], reference.variance)).toBeLessThan(tol);
      expect(relative(merged.mean[j], whole.mean[j])).toBeLessThan(1e-12);
      expect(relative(merged.m2[j], whole.m2[j])).toBeLessThan(tol);
    }
  });

  it('min-max scalers merge to the minimum of minima and maximum of maxima, exactly', async () => {
    for (let i = 0; i < 3; i++)
      await run([
        'normalize',
        'fit',
        '--data',
        path(`shard-${i}.csv`),
        '--scaler',
        'minmax',
        '--out',
        path(`m${i}.json`),
      ]);
    await run(['normalize', 'merge', path('m0.json'), path('m1.json'), path('m2.json'), '--out', path('mm.json')]);
    const merged = json(path('mm.json'));
    expect(merged.samplesSeen).toBe(569);
    expect(merged.dataMin).toEqual(Array.from({ length: features }, (_, j) => Math.min(...rows.map((r) => r[j]))));
    expect(merged.dataMax).toEqual(Array.from({ length: features }, (_, j) => Math.max(...rows.map((r) => r[j]))));
  });

  it('fits across files: a quoted glob expanded by gradlab, or the list a shell expanded', async () => {
    const glob = JSON.parse(
      await run(['normalize', 'fit', '--data', join(dir, 'shard-*.csv'), '--out', path('glob.json'), '--json']),
    );
    expect(glob.rows).toBe(569);
    expect(glob.files).toEqual([0, 1, 2].map((i) => path(`shard-${i}.csv`)));
    const list = JSON.parse(
      await run([
        'normalize',
        'fit',
        '--data',
        path('shard-2.csv'),
        path('shard-0.csv'),
        path('shard-1.csv'),
        '--out',
        path('list.json'),
        '--json',
      ]),
    );
    expect(list.rows).toBe(569);
    const whole = json(path('whole.json'));
    for (const fitted of [json(path('glob.json')), json(path('list.json'))])
      for (let j = 0; j < features; j++) {
        const reference = twoPass(j);
        expect(relative(fitted.mean[j], whole.mean[j])).toBeLessThan(1e-12);
        expect(relative(fitted.m2[j], whole.m2[j])).toBeLessThan(tolerance(j, reference.mean, reference.variance));
      }
  });

  it('refuses scalers that do not merge, shards with other columns, and a glob that matches nothing', async () => {
    await expect(
      run(['normalize', 'merge', path('s0.json'), path('m1.json'), '--out', path('x.json')]),
    ).rejects.toThrow(/settings .*"minmax".*"standard"/);
    const renamed = json(path('s1.json'));
    renamed.featureNames[3] = 'other';
    writeFileSync(path('renamed.json'), JSON.stringify(renamed));
    await expect(
      run(['normalize', 'merge', path('s0.json'), path('renamed.json'), '--out', path('x.json')]),
    ).rejects.toThrow(/renamed.json has features .*"other"/);
    const noStd = { ...json(path('s1.json')), withStd: false };
    writeFileSync(path('nostd.json'), JSON.stringify(noStd));
    await expect(
      run(['normalize', 'merge', path('s0.json'), path('nostd.json'), '--out', path('x.json')]),
    ).rejects.toThrow(/withStd/);
    writeFileSync(path('odd.csv'), 'a,b,label\n1,2,0\n');
    await expect(
      run(['normalize', 'fit', '--data', path('shard-0.csv'), path('odd.csv'), '--out', path('x.json')]),
    ).rejects.toThrow(/odd.csv: feature columns a, b differ/);
    await expect(run(['normalize', 'fit', '--data', join(dir, 'none-*.csv'), '--out', path('x.json')])).rejects.toThrow(
      /no file matches/,
    );
  });
});

describe('Parquet wherever a CSV is accepted', () => {
  it('the same data as Parquet (row groups of 64, INT32 and DOUBLE columns) and as CSV give identical scalers', async () => {
    for (const scaler of ['standard', 'minmax']) {
      await run([
        'normalize',
        'fit',
        '--data',
        wineParquet,
        '--scaler',
        scaler,
        '--chunk-size',
        '50',
        '--out',
        path(`pq-${scaler}.json`),
      ]);
      await run([
        'normalize',
        'fit',
        '--data',
        wineCsv,
        '--scaler',
        scaler,
        '--chunk-size',
        '50',
        '--out',
        path(`csv-${scaler}.json`),
      ]);
      expect(readFileSync(path(`pq-${scaler}.json`), 'utf8')).toBe(readFileSync(path(`csv-${scaler}.json`), 'utf8'));
    }
  });

  it('trains identical models, and eval / predict / gradcheck / diagnose read Parquet', async () => {
    const flags = [
      '--epochs',
      '8',
      '--dropout',
      '0.1',
      '--layers',
      '8',
      '--schedule',
      'exponential',
      '--gamma',
      '0.9',
      '--quiet',
    ];
    await run(['train', '--data', wineParquet, ...flags, '--save', path('wine-pq.json')]);
    await run(['train', '--data', wineCsv, ...flags, '--save', path('wine-csv.json')]);
    expect(json(path('wine-pq.json')).network).toEqual(json(path('wine-csv.json')).network);
    expect(json(path('wine-pq.json')).inputs).toEqual(json(path('wine-csv.json')).inputs);
    const evalPq = JSON.parse(await run(['eval', '--model', path('wine-pq.json'), '--data', wineParquet, '--json']));
    const evalCsv = JSON.parse(await run(['eval', '--model', path('wine-pq.json'), '--data', wineCsv, '--json']));
    expect(evalPq.accuracy).toBe(evalCsv.accuracy);
    // Predictions of Parquet input: CSV by default, Parquet when --out ends in .parquet.
    await run(['predict', '--model', path('wine-pq.json'), '--data', wineParquet, '--out', path('pred.csv')]);
    await run(['predict', '--model', path('wine-pq.json'), '--data', wineParquet, '--out', path('pred.parquet')]);
    const asParquet = (await readParquetTable(path('pred.parquet'))).table;
    const asCsv = readFileSync(path('pred.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    expect(asParquet.header).toEqual(asCsv[0]);
    expect(asParquet.rows.map((r) => r.map(Number))).toEqual(asCsv.slice(1).map((r) => r.map(Number)));
    // normalize apply likewise: the Parquet output holds the CSV output's cells (a copied label '0' as DOUBLE 0).
    await run(['normalize', 'fit', '--data', wineParquet, '--out', path('wine-scaler.json')]);
    for (const out of ['wine-z.parquet', 'wine-z.csv'])
      await run([
        'normalize',
        'apply',
        '--scaler',
        path('wine-scaler.json'),
        '--data',
        wineParquet,
        '--out',
        path(out),
      ]);
    const zCsv = readFileSync(path('wine-z.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const zParquet = (await readParquetTable(path('wine-z.parquet'))).table;
    expect([zParquet.header, ...zParquet.rows]).toEqual(zCsv);
    const check = async (data: string) =>
      JSON.parse(await run(['gradcheck', '--data', data, '--layers', '4', '--json']));
    const [checkPq, checkCsv] = [await check(wineParquet), await check(wineCsv)];
    expect(checkPq.verdict).toBe('pass');
    expect(checkPq.difference).toBe(checkCsv.difference);
    const diagnose = (data: string) =>
      run(['diagnose', '--data', data, '--json']).then((out) => JSON.parse(out).layers);
    expect(await diagnose(wineParquet)).toEqual(await diagnose(wineCsv));
  });

  it('checks Parquet columns, types and nulls as for CSV; nulls follow --missing', async () => {
    const header = ['a', 'b', 'label'];
    const body: Array<Array<number | string | null>> = [
      [1, 2, 0],
      [2, null, 1],
      [3, 5, 0],
      [4, 1, 1],
      [5, 7, 0],
      [6, 2, 1],
    ];
    writeParquet(path('nulls.parquet'), header, body, { rowGroupSize: 4 });
    writeFileSync(path('nulls.csv'), `a,b,label\n${body.map((r) => r.map((v) => v ?? '').join(',')).join('\n')}\n`);
    await expect(
      run(['train', '--data', path('nulls.parquet'), '--task', 'classification', '--epochs', '1', '--quiet']),
    ).rejects.toThrow(/nulls.parquet line 3, column 2 \(b\)/);
    for (const missing of ['drop', 'mean']) {
      const train = (data: string) =>
        run([
          'train',
          '--data',
          data,
          '--task',
          'classification',
          '--missing',
          missing,
          '--validation',
          '0',
          '--epochs',
          '3',
          '--quiet',
          '--save',
          `${data}.${missing}.json`,
        ]);
      await train(path('nulls.parquet'));
      await train(path('nulls.csv'));
      expect(json(`${path('nulls.parquet')}.${missing}.json`).network).toEqual(
        json(`${path('nulls.csv')}.${missing}.json`).network,
      );
    }
    writeParquet(path('text.parquet'), header, [
      [1, 'x', 0],
      [2, 'y', 1],
    ]);
    await expect(run(['normalize', 'fit', '--data', path('text.parquet'), '--out', path('x.json')])).rejects.toThrow(
      /text.parquet line 2, column 2 \(b\): 'x' is not a number/,
    );
    writeFileSync(path('broken.parquet'), 'not parquet at all');
    await expect(run(['train', '--data', path('broken.parquet')])).rejects.toThrow(/not a readable Parquet file/);
  });
});
