import { describe, expect, it } from 'vitest';
import { isStableRun } from '../../src/experiments/descentPath.js';
import { defaultContourFeatures } from '../../src/experiments/index.js';
import * as g from '../../src/index.js';

describe('the normalization experiment’s contour picture (small run)', () => {
  const data = g.loadDataset('breast_cancer');
  const result = g.runNormalizationExperiment({
    steps: 150,
    learningRates: [3e-6, 3e-5, 0.01, 0.1, 1, 10],
    contourFeatures: defaultContourFeatures(data),
    gridSize: 21,
    pathSteps: 60,
  });
  const [raw, standardized] = result.contours!;

  it('gives an elongated raw surface and a nearly round standardized one (κ = λmax / λmin)', () => {
    expect(raw.setting).toBe('raw');
    expect(standardized.setting).toBe('standardized');
    expect(raw.conditionNumber).toBeGreaterThan(100 * standardized.conditionNumber);
    expect(standardized.conditionNumber).toBeLessThan(2);
    for (const c of [raw, standardized]) {
      const [big, small] = c.eigenvalues;
      expect(c.conditionNumber).toBeCloseTo(big / small, 8);
      expect(small).toBeGreaterThan(0);
    }
  });

  it('puts the minimum at the centre of a square grid and the bias at its value there', () => {
    for (const c of [raw, standardized]) {
      const mid = (c.w1.length - 1) / 2;
      expect(c.w1[mid]).toBeCloseTo(c.minimum.w1, 10);
      expect(c.w2[mid]).toBeCloseTo(c.minimum.w2, 10);
      expect(c.w1.at(-1)! - c.w1[0]).toBeCloseTo(c.w2.at(-1)! - c.w2[0], 10);
      // The centre of the grid is the lowest cost on it.
      expect(Math.min(...c.cost.flat())).toBe(c.cost[mid][mid]);
      expect(c.cost[mid][mid]).toBeCloseTo(c.minimum.cost, 12);
    }
  });

  it('draws a stable descent path from (0, 0) that the grid contains', () => {
    for (const c of [raw, standardized]) {
      expect(c.learningRate).not.toBeNull();
      expect(c.path[0]).toEqual([0, 0]);
      expect(isStableRun(c.pathCosts, result.stableRiseFactor)).toBe(true);
      expect(c.pathCosts.at(-1)!).toBeLessThan(c.pathCosts[0]);
      for (const [a, b] of c.path) {
        expect(a).toBeGreaterThanOrEqual(c.w1[0]);
        expect(a).toBeLessThanOrEqual(c.w1.at(-1)!);
        expect(b).toBeGreaterThanOrEqual(c.w2[0]);
        expect(b).toBeLessThanOrEqual(c.w2.at(-1)!);
      }
    }
  });

  it('does not count the raw run at lr 3e-5, whose cost swings between 0.5 and 7, as stable', () => {
    const run = result.raw.runs.find((r) => r.learningRate === 3e-5)!;
    expect(run.stable).toBe(false);
    expect(result.raw.best?.learningRate).toBe(3e-6);
    expect(result.stableRiseFactor).toBeGreaterThan(1);
  });
});
