import fc from 'fast-check';
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

describe('scaler files are validated for meaning (the issue: negative or null m2, zero counts accepted)', () => {
  const good = () =>
    new g.StandardScaler({ featureNames: ['a', 'b'], ...quiet })
      .fit(
        g.tensor([
          [1, 10],
          [3, 30],
        ]),
      )
      .toJSON();

  it('refuses m2 -1, m2 null, counts 0, naming the field, the index and the feature', () => {
    const cases: Array<[string, (j: ReturnType<g.StandardScaler['toJSON']>) => void, RegExp]> = [
      ['m2 -1', (j) => (j.m2[1] = -1), /m2\[1\] \(b\) is -1; expected a finite number ≥ 0/],
      ['m2 null', (j) => ((j.m2 as unknown[])[0] = null), /m2\[0\] \(a\) is null/],
      ['counts 0', (j) => (j.counts[0] = 0), /counts\[0\] \(a\) is 0; expected a finite integer > 0/],
    ];
    for (const [name, spoil, message] of cases) {
      const json = good();
      spoil(json);
      expect(() => g.scalerFromJSON(json), name).toThrow(g.ModelFormatError);
      expect(() => g.scalerFromJSON(JSON.parse(JSON.stringify(json))), name).toThrow(message);
    }
  });

  it('adversarial: fractional or negative counts, NaN/Infinity/string means, short arrays, bad names and flags', () => {
    const spoils: Array<(j: Record<string, unknown>) => void> = [
      (j) => ((j.counts as number[])[1] = 1.5),
      (j) => ((j.counts as number[])[1] = -2),
      (j) => ((j.mean as number[])[0] = Number.NaN),
      (j) => ((j.mean as number[])[0] = Number.POSITIVE_INFINITY),
      (j) => ((j.mean as unknown[])[0] = '1'),
      (j) => (j.m2 = [1]),
      (j) => (j.counts = null),
      (j) => (j.featureNames = ['a']),
      (j) => (j.featureNames = ['a', 7]),
      (j) => (j.withMean = 'yes'),
    ];
    spoils.forEach((spoil, i) => {
      const json = good() as unknown as Record<string, unknown>;
      spoil(json);
      expect(() => g.scalerFromJSON(json), `case ${i}`).toThrow(g.ModelFormatError);
    });
    expect(g.scalerFromJSON(good()).scale).toEqual([1, 10]);
  });

  it('a min-max file: dataMin above dataMax, a null bound, samplesSeen 0 or a range min ≥ max are refused', () => {
    const ok = () => new g.MinMaxScaler().fit(g.tensor([[0], [4]])).toJSON() as unknown as Record<string, unknown>;
    const spoils: Array<(j: Record<string, unknown>) => void> = [
      (j) => (j.dataMin = [5]),
      (j) => (j.dataMax = [null]),
      (j) => (j.samplesSeen = 0),
      (j) => (j.samplesSeen = undefined),
      (j) => (j.max = j.min),
      (j) => (j.min = '0'),
    ];
    spoils.forEach((spoil, i) => {
      const json = ok();
      spoil(json);
      expect(() => g.scalerFromJSON(json), `case ${i}`).toThrow(g.ModelFormatError);
    });
    expect(g.scalerFromJSON(ok()).transform(g.tensor([[1]])).data[0]).toBe(0.25);
  });
});

describe('statistics that do not overflow (the issue: a ±1e300 column gave m2: null and passed through unscaled)', () => {
  const column = (values: number[]) => g.tensor(values.map((v) => [v]));

  it('a column of ±1e300 is refused by the standard scaler, naming the column', () => {
    const x = g.tensor(Array.from({ length: 10 }, (_, i) => [i % 2 ? 1e300 : -1e300, i]));
    const s = new g.StandardScaler({ featureNames: ['huge', 'small'], ...quiet });
    expect(() => s.fit(x)).toThrow(g.DataError);
    expect(() => s.fit(x)).toThrow(/column 'huge' reaches ±1\.00e\+300: its variance overflows float64/);
    // nothing half-fitted is left behind
    expect(s.fitted).toBe(false);
  });

  it('sums are scaled first: 1,000 rows of 1e306 have mean 1e306 (the plain sum is Infinity)', () => {
    const s = new g.StandardScaler(quiet).fit(column(Array.from({ length: 1000 }, () => 1e306)));
    // naive summation: relative error up to n·ε = 2e-13
    expect(Math.abs(s.mean[0] - 1e306) / 1e306).toBeLessThan(1e-13);
    expect(s.variance[0]).toBe(0);
  });

  it('a large column whose variance fits is exact: 1e150·(1 ± 0.1) has mean 1e150 and variance 1e298', () => {
    const s = new g.StandardScaler(quiet).fit(
      column(Array.from({ length: 100 }, (_, i) => (i % 2 ? 1.1e150 : 0.9e150))),
    );
    expect(Math.abs(s.mean[0] - 1e150) / 1e150).toBeLessThan(1e-14);
    expect(Math.abs(s.variance[0] - 1e298) / 1e298).toBeLessThan(1e-14);
    const json = JSON.parse(JSON.stringify(s.toJSON()));
    expect([...json.counts, ...json.mean, ...json.m2].every(Number.isFinite)).toBe(true);
  });

  it('the min-max scaler maps a ±1e308 column onto [0, 1] (the range 2e308 itself overflows)', () => {
    const s = new g.MinMaxScaler().fit(column([-1e308, 1e308, 0]));
    expect(Array.from(s.transform(column([-1e308, 1e308, 0, 5e307])).data)).toEqual([0, 1, 0.5, 0.75]);
    expect(Array.from(s.inverseTransform(column([0, 1, 0.5])).data)).toEqual([-1e308, 1e308, 0]);
    expect(s.scale[0]).toBeCloseTo(0.5e-308, 320);
  });

  it('toJSON refuses a feature with no numeric values rather than writing count 0', () => {
    const s = new g.StandardScaler({ ignoreNaN: true, ...quiet }).fit(
      g.tensor([
        [1, Number.NaN],
        [2, Number.NaN],
      ]),
    );
    expect(() => s.toJSON()).toThrow(/feature 1 has no numeric values/);
  });

  it('property: any finite column either fits with finite statistics that round-trip, or is refused by name', () => {
    const magnitude = fc.integer({ min: -300, max: 300 }).map((e) => 10 ** e);
    const cell = fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), magnitude).map(([a, m]) => a * m);
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 }), (rows) => {
        const s = new g.StandardScaler({ featureNames: ['p', 'q'], ...quiet });
        try {
          s.fit(g.tensor(rows));
        } catch (error) {
          return error instanceof g.DataError && /column '[pq]'/.test((error as Error).message);
        }
        const json = JSON.parse(JSON.stringify(s.toJSON()));
        const back = g.scalerFromJSON(json);
        return (
          [...json.counts, ...json.mean, ...json.m2].every(Number.isFinite) &&
          back.scale.every((v) => Number.isFinite(v) && v > 0)
        );
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});
