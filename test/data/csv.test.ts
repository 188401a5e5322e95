import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-csv-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('CSV reading', () => {
  it('reads features and integer labels, and maps string labels to recorded classes', () => {
    const d = g.readCsv(file('ok.csv', 'a,b,label\n1,2,0\n3,4.5,1\n'));
    expect(d.x.toArray()).toEqual([
      [1, 2],
      [3, 4.5],
    ]);
    expect(d.y.toArray()).toEqual([0, 1]);
    expect(d.featureNames).toEqual(['a', 'b']);
    expect(d.classes).toEqual([0, 1]);
    const s = g.readCsv(file('str.csv', 'x,species\n1,setosa\n2,virginica\n3,setosa\n'), { label: 'species' });
    expect(s.classes).toEqual(['setosa', 'virginica']);
    expect(s.y.toArray()).toEqual([0, 1, 0]);
  });

  it('selects features, reads regression targets, and reuses a given class list', () => {
    const p = file('sel.csv', 'a,b,c,label\n1,2,3,0.5\n4,5,6,1.5\n');
    const d = g.readCsv(p, { features: ['c', 'a'] });
    expect(d.x.toArray()).toEqual([
      [3, 1],
      [6, 4],
    ]);
    expect(d.classes).toBeNull();
    expect(d.y.toArray()).toEqual([[0.5], [1.5]]);
    const q = g.readCsv(file('cls.csv', 'x,label\n1,b\n'), { classes: ['a', 'b'] });
    expect(q.y.toArray()).toEqual([1]);
  });

  const malformed: Array<[string, string, RegExp, g.CsvOptions?]> = [
    ['non-numeric cell', 'a,b,label\n1,2,0\n3,abc,1\n', /line 3, column 2 \(b\): 'abc' is not a number/],
    ['ragged row', 'a,b,label\n1,2,0\n3,1\n', /line 3: 2 fields, the header has 3/],
    ['empty file', '', /the file is empty \(expected a header row\)/],
    ['header only', 'a,b,label\n', /a header but no data rows/],
    ['missing label column', 'a,b\n1,2\n', /line 1: no label column 'label' \(columns: a, b\)/],
    ['NaN cell', 'a,b,label\n1,NaN,0\n', /line 2, column 2 \(b\): is NaN/],
    ['empty cell', 'a,b,label\n1,,0\n', /line 2, column 2 \(b\): is empty/],
    // Number() would read these as 16 and 3 without a word; cells are decimal, like the CLI's flags.
    ['hexadecimal cell', 'a,b,label\n1,0x10,0\n', /line 2, column 2 \(b\): '0x10' is not a number/],
    ['binary cell', 'a,b,label\n0b11,2,0\n', /line 2, column 1 \(a\): '0b11' is not a number/],
    [
      'unknown class',
      'a,label\n1,z\n',
      /line 2, column 2 \(label\): label 'z' is not one of the classes a, b/,
      { classes: ['a', 'b'] },
    ],
    ['unknown feature', 'a,label\n1,0\n', /no feature column 'q'/, { features: ['q'] }],
    // A decimal beyond float64 is not text: no hint at text columns.
    [
      'overflowing cell',
      'a,b,label\n1,2e400,0\n',
      /line 2, column 2 \(b\): '2e400' is beyond the range of float64 numbers/,
    ],
    // A hostile 5 MB cell is quoted by its ends and length, not whole.
    [
      'huge cell',
      `a,b,label\n1,${'x'.repeat(5_000_000)},0\n`,
      /line 2, column 2 \(b\): 'x{24}…x{8}' \(5000000 characters\) is not a number$/,
    ],
  ];
  for (const [what, text, message, options] of malformed) {
    it(`a ${what} is a DataError with its location`, () => {
      const p = file(`${what.replace(/ /g, '_')}.csv`, text);
      expect(() => g.readCsv(p, options)).toThrow(g.DataError);
      expect(() => g.readCsv(p, options)).toThrow(message);
    });
  }

  it('streams chunks for partialFit, with the same checks', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `${i},${i * 2},${i % 2}`).join('\n');
    const p = file('big.csv', `a,b,label\n${rows}\n`);
    const scaler = new g.StandardScaler();
    const sizes: number[] = [];
    const total = await g.forEachCsvChunk(p, { chunkSize: 100 }, (chunk) => {
      sizes.push(chunk.length);
      scaler.partialFit(chunk);
    });
    expect(total).toBe(250);
    expect(sizes).toEqual([100, 100, 50]);
    expect(scaler.mean).toEqual([124.5, 249]);
    await expect(g.forEachCsvChunk(file('bad.csv', 'a,label\n1,0\nx,1\n'), {}, () => {})).rejects.toThrow(
      /line 3, column 1 \(a\): 'x' is not a number/,
    );
  });
});

describe('datasets and splits', () => {
  it('loads the bundled real datasets with their documented sizes', () => {
    for (const [name, info] of Object.entries(g.REAL_DATASETS)) {
      const d = g.loadDataset(name);
      expect(d.x.shape).toEqual([info.rows, info.features]);
      expect(d.classes).toHaveLength(info.classes);
    }
    expect(() => g.loadDataset('nope')).toThrow(/unknown dataset 'nope'/);
  });

  it('generates seeded synthetic sets', () => {
    const a = g.loadDataset('circles', { n: 100, seed: 3 });
    const b = g.loadDataset('circles', { n: 100, seed: 3 });
    expect(a.x.toArray()).toEqual(b.x.toArray());
    expect(Array.from(a.y.data).filter((v) => v === 1)).toHaveLength(50);
    for (const name of ['moons', 'spirals', 'xor', 'blobs', 'scaledRegression'])
      expect(g.loadDataset(name, { n: 60 }).x.shape[0]).toBe(60);
    const noiseless = g.circles({ n: 8, noise: 0, factor: 0.5, shuffle: false });
    const radii = (noiseless.x.toArray() as number[][]).map(([p, q]) => Math.hypot(p, q));
    expect(radii.map((r) => +r.toFixed(12))).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
  });

  it('splits with a seed, stratified by class', () => {
    const d = g.loadDataset('breast_cancer');
    const s = g.trainTestSplit(d.x, d.y, { testSize: 0.2, seed: 1, stratify: true });
    expect(s.xTest.shape[0] + s.xTrain.shape[0]).toBe(569);
    const share = (y: g.Tensor) => Array.from(y.data).filter((v) => v === 1).length / y.size;
    expect(Math.abs(share(s.yTest) - share(d.y))).toBeLessThan(0.01);
    const again = g.trainTestSplit(d.x, d.y, { testSize: 0.2, seed: 1, stratify: true });
    expect(Array.from(again.testIndices)).toEqual(Array.from(s.testIndices));
    expect(g.oneHot(g.tensor([2, 0])).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });
});
