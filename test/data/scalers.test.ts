import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

interface ScalerFixture {
  rows: number;
  features: number;
  standard: { mean: number[]; var: number[]; scale: number[]; transform_first_3_rows: number[][] };
  standard_partial_fit_chunks_of_100: { mean: number[]; var: number[]; scale: number[] };
  minmax: { data_min: number[]; data_max: number[]; transform_first_3_rows: number[][] };
}

const fixture = (name: string): ScalerFixture =>
  JSON.parse(readFileSync(new URL(`../fixtures/sklearn/${name}_scalers.json`, import.meta.url), 'utf8'));

/** max over entries of |a − e| / max(|e|, tiny): relative error, absolute near zero. */
function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-300));
  return worst;
}

const quiet = { onConstantFeatures: () => {} };

describe('scalers match scikit-learn to 1e-12 on the bundled datasets', () => {
  for (const name of ['breast_cancer', 'wine', 'digits']) {
    const f = fixture(name);
    const data = g.loadDataset(name);

    it(`${name}: StandardScaler.fit (one pass)`, () => {
      const s = new g.StandardScaler(quiet).fit(data.x);
      expect(s.samplesSeen).toBe(f.rows);
      expect(maxRelError(s.mean, f.standard.mean)).toBeLessThan(1e-12);
      expect(maxRelError(s.variance, f.standard.var)).toBeLessThan(1e-12);
      expect(maxRelError(s.scale, f.standard.scale)).toBeLessThan(1e-12);
      const z = s.transform(g.sliceRows(data.x, 0, 3));
      const expected = f.standard.transform_first_3_rows.flat();
      for (let i = 0; i < expected.length; i++)
        expect(Math.abs(z.data[i] - expected[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected[i])));
    });

    it(`${name}: StandardScaler.partialFit over chunks of 100 rows`, () => {
      const s = new g.StandardScaler(quiet);
      for (let start = 0; start < f.rows; start += 100) s.partialFit(g.sliceRows(data.x, start, start + 100));
      const p = f.standard_partial_fit_chunks_of_100;
      expect(maxRelError(s.mean, p.mean)).toBeLessThan(1e-12);
      expect(maxRelError(s.variance, p.var)).toBeLessThan(1e-12);
      expect(maxRelError(s.scale, p.scale)).toBeLessThan(1e-12);
    });

    it(`${name}: MinMaxScaler`, () => {
      const s = new g.MinMaxScaler().fit(data.x);
      expect(s.dataMin).toEqual(f.minmax.data_min);
      expect(s.dataMax).toEqual(f.minmax.data_max);
      const z = s.transform(g.sliceRows(data.x, 0, 3));
      const expected = f.minmax.transform_first_3_rows.flat();
      for (let i = 0; i < expected.length; i++) expect(Math.abs(z.data[i] - expected[i])).toBeLessThan(1e-12);
    });
  }

  it("digits' three constant pixels get scale 1, and a warning names them", () => {
    const warned: string[][] = [];
    const data = g.loadDataset('digits');
    const s = new g.StandardScaler({
      featureNames: data.featureNames,
      onConstantFeatures: (names) => warned.push(names),
    }).fit(data.x);
    expect(s.constantFeatures).toHaveLength(3);
    for (const j of s.constantFeatures) expect(s.scale[j]).toBe(1);
    expect(warned).toEqual([s.constantFeatures.map((j) => data.featureNames[j])]);
    expect(warned[0]).toContain('pixel_0_0');
  });
});

describe('StandardScaler behaviour', () => {
  const x = g.tensor([
    [1, 10],
    [2, 20],
    [3, 60],
  ]);

  it('merges chunk statistics fitted anywhere (Chan et al.)', () => {
    const a = new g.StandardScaler(quiet).fit(g.sliceRows(x, 0, 1));
    const b = new g.StandardScaler(quiet).fit(g.sliceRows(x, 1, 3));
    const whole = new g.StandardScaler(quiet).fit(x);
    a.merge(b);
    expect(maxRelError(a.mean, whole.mean)).toBeLessThan(1e-15);
    expect(maxRelError(a.variance, whole.variance)).toBeLessThan(1e-15);
  });

  it('inverts its transform and round-trips through JSON', () => {
    const s = new g.StandardScaler(quiet).fit(x);
    const back = s.inverseTransform(s.transform(x));
    expect(maxRelError(back.data, x.data)).toBeLessThan(1e-15);
    const t = g.scalerFromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(t.transform(x).toArray()).toEqual(s.transform(x).toArray());
  });

  it('honours withMean and withStd', () => {
    const s = new g.StandardScaler({ withMean: false, ...quiet }).fit(x);
    expect(s.transform(g.tensor([[0, 0]])).toArray()).toEqual([[0, 0]]);
    const c = new g.StandardScaler({ withStd: false, ...quiet }).fit(x);
    expect(c.transform(g.tensor([[2, 30]])).toArray()).toEqual([[0, 0]]);
  });

  it('refuses NaN and Infinity naming row and column, unless told to ignore NaN in fit', () => {
    const bad = g.tensor([
      [1, 2],
      [3, NaN],
    ]);
    expect(() => new g.StandardScaler({ featureNames: ['a', 'b'] }).fit(bad)).toThrow(/row 1, column 1 \(b\) is NaN/);
    expect(() => new g.StandardScaler().fit(g.tensor([[Infinity, 1]]))).toThrow(g.DataError);
    const s = new g.StandardScaler({ ignoreNaN: true, ...quiet }).fit(
      g.tensor([
        [1, 2],
        [3, NaN],
        [5, 4],
      ]),
    );
    expect(s.mean).toEqual([3, 3]);
    expect(s.variance).toEqual([8 / 3, 1]);
    const fitted = new g.StandardScaler(quiet).fit(x);
    expect(() => fitted.transform(g.tensor([[1, Infinity]]))).toThrow(/row 0, column 1 is Infinity/);
  });

  it('names both feature counts when the data does not fit', () => {
    const s = new g.StandardScaler(quiet).fit(x);
    expect(() => s.transform(g.zeros([2, 3]))).toThrow(/fitted on 2 features, the data has 3/);
    expect(() => new g.StandardScaler().transform(x)).toThrow(/not fitted/);
  });
});
