import { describe, expect, it } from 'vitest';
import { MinMaxScaler, mergeScalers, StandardScaler } from '../../src/data/index.js';
import { Generator } from '../../src/random/index.js';

// Rows on very different scales, split into shards of uneven sizes (one of a single row).
const g = new Generator(5);
const rows = Array.from({ length: 301 }, () => [g.normal() * 1e-3, 50 + g.normal() * 20, g.uniform() * 1e4]);
const shards = [rows.slice(0, 1), rows.slice(1, 120), rows.slice(120)];
const names = ['tiny', 'mid', 'large'];

describe('mergeScalers', () => {
  it('standard scalers of shards merge to the statistics of all rows (two-pass reference, 1e-12 relative)', () => {
    const merged = mergeScalers(
      shards.map((s, i) => ({ scaler: new StandardScaler({ featureNames: names }).fit(s).toJSON(), source: `s${i}` })),
    ) as StandardScaler;
    expect(merged.samplesSeen).toBe(301);
    for (let j = 0; j < 3; j++) {
      const mean = rows.reduce((a, r) => a + r[j], 0) / rows.length;
      const variance = rows.reduce((a, r) => a + (r[j] - mean) ** 2, 0) / rows.length;
      expect(Math.abs(merged.mean[j] - mean) / Math.abs(mean)).toBeLessThan(1e-12);
      expect(Math.abs(merged.variance[j] - variance) / variance).toBeLessThan(1e-12);
    }
  });

  it('min-max scalers merge to the extremes of all rows', () => {
    const merged = mergeScalers(
      shards.map((s, i) => ({ scaler: new MinMaxScaler().fit(s).toJSON(), source: `m${i}` })),
    ) as MinMaxScaler;
    expect(merged.dataMin).toEqual([0, 1, 2].map((j) => Math.min(...rows.map((r) => r[j]))));
    expect(merged.dataMax).toEqual([0, 1, 2].map((j) => Math.max(...rows.map((r) => r[j]))));
    expect(merged.samplesSeen).toBe(301);
  });

  it('refuses nothing to merge, other types, ranges, widths and feature names, naming both sources', () => {
    const std = (s: number[][], featureNames?: string[]) => new StandardScaler({ featureNames }).fit(s).toJSON();
    expect(() => mergeScalers([])).toThrow(/no scalers/);
    expect(() =>
      mergeScalers([
        { scaler: std(rows), source: 'a.json' },
        { scaler: new MinMaxScaler().fit(rows).toJSON(), source: 'b.json' },
      ]),
    ).toThrow(/b.json has settings .*minmax.*a.json has/);
    expect(() =>
      mergeScalers([
        { scaler: new MinMaxScaler().fit(rows).toJSON(), source: 'a.json' },
        { scaler: new MinMaxScaler({ min: -1, max: 1 }).fit(rows).toJSON(), source: 'b.json' },
      ]),
    ).toThrow(/settings/);
    expect(() =>
      mergeScalers([
        { scaler: std(rows), source: 'a.json' },
        { scaler: std(rows.map((r) => r.slice(0, 2))), source: 'b.json' },
      ]),
    ).toThrow(/feature count 2.*a.json has 3/);
    expect(() =>
      mergeScalers([
        { scaler: std(rows, names), source: 'a.json' },
        { scaler: std(rows, ['tiny', 'large', 'mid']), source: 'b.json' },
      ]),
    ).toThrow(/b.json has features/);
    const corrupt = { ...std(rows), m2: [-1, 1, 1] };
    expect(() =>
      mergeScalers([
        { scaler: std(rows), source: 'a.json' },
        { scaler: corrupt, source: 'bad.json' },
      ]),
    ).toThrow(/^bad.json: /);
  });
});
