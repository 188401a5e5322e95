import { describe, expect, it } from 'vitest';
import {
  costGrid,
  logisticCost,
  logisticGradient,
  logisticHessian,
  logisticMinimum,
  symmetricEigenvalues2,
  type TwoFeatureProblem,
  weightHessian,
} from '../../src/experiments/costSurface.js';
import { isStableRun, STABLE_RISE_FACTOR } from '../../src/experiments/descentPath.js';
import * as g from '../../src/index.js';

/** Two features on very different scales and not centred, labels from a noisy linear rule (not separable). */
function problem(rows = 80, seed = 3): TwoFeatureProblem {
  const gen = new g.Generator(seed);
  const x = new Float64Array(2 * rows);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    x[2 * r] = 14 + 3.5 * gen.normal();
    x[2 * r + 1] = 0.1 + 0.02 * gen.normal();
    y[r] = x[2 * r] - 14 + 50 * (x[2 * r + 1] - 0.1) + 2 * gen.normal() > 0 ? 1 : 0;
  }
  return { x, y };
}

/** The library's objective and gradient for one sigmoid unit with the given parameters (autodiff). */
function library(p: TwoFeatureProblem, w1: number, w2: number, b: number) {
  const model = new g.Sequential([new g.Dense(1, { activation: 'sigmoid' })], { inputSize: 2 });
  model.setParameters({ '0.weight': [w1, w2], '0.bias': [b] });
  const m = p.y.length;
  const { objective } = g.computeObjective(model, new g.Tensor(p.x, [m, 2]), new g.Tensor(p.y, [m, 1]), {
    loss: 'binaryCrossEntropy',
  });
  const found = g.gradients(objective, model.parameters());
  const [weight, bias] = model.parameters().map((t) => found.get(t)!.data);
  return { cost: objective.data[0], gradient: [weight[0], weight[1], bias[0]] };
}

describe('the logistic cost surface over two weights', () => {
  const p = problem();

  it('matches the library’s cost and autodiff gradient', () => {
    for (const [w1, w2, b] of [
      [0, 0, 0],
      [-0.8, 30, 9],
      [2, -100, -20],
    ]) {
      const ours = logisticGradient(p, { w1, w2, b });
      const theirs = library(p, w1, w2, b);
      expect(logisticCost(p, { w1, w2, b })).toBeCloseTo(theirs.cost, 12);
      for (let k = 0; k < 3; k++) expect(ours[k]).toBeCloseTo(theirs.gradient[k], 10);
    }
  });

  it('has the Hessian that central differences of the library’s gradient give', () => {
    const at = { w1: 0.3, w2: -20, b: -1 };
    const h = logisticHessian(p, at);
    const names = ['w1', 'w2', 'b'] as const;
    for (let j = 0; j < 3; j++) {
      const step = 1e-5 * Math.max(1, Math.abs(at[names[j]]));
      const plus = { ...at, [names[j]]: at[names[j]] + step };
      const minus = { ...at, [names[j]]: at[names[j]] - step };
      const gp = library(p, plus.w1, plus.w2, plus.b).gradient;
      const gm = library(p, minus.w1, minus.w2, minus.b).gradient;
      for (let i = 0; i < 3; i++) expect(h[i][j]).toBeCloseTo((gp[i] - gm[i]) / (2 * step), 6);
    }
  });

  it('finds the minimum (zero gradient) and its weight Hessian’s eigenvalues', () => {
    const min = logisticMinimum(p);
    for (const gk of logisticGradient(p, min)) expect(Math.abs(gk)).toBeLessThan(1e-9);
    const { hessian, eigenvalues, conditionNumber } = weightHessian(p, min);
    const [big, small] = eigenvalues;
    // Eigenvalues solve det(H − λI) = 0 and sum to the trace.
    for (const l of eigenvalues)
      expect((hessian[0][0] - l) * (hessian[1][1] - l) - hessian[0][1] ** 2).toBeCloseTo(0, 8);
    expect(big + small).toBeCloseTo(hessian[0][0] + hessian[1][1], 10);
    expect(conditionNumber).toBeCloseTo(big / small, 10);
    // Scales 3.5 and 0.02, not centred: the raw surface is badly conditioned.
    expect(conditionNumber).toBeGreaterThan(1000);
  });

  it('computes the eigenvalues of known symmetric matrices', () => {
    expect(
      symmetricEigenvalues2([
        [2, 1],
        [1, 2],
      ]),
    ).toEqual([3, 1]);
    expect(
      symmetricEigenvalues2([
        [1, 0],
        [0, 5],
      ]),
    ).toEqual([5, 1]);
  });

  it('refuses problems without a unique finite minimum: a zero feature, separable classes', () => {
    const y = Float64Array.from([0, 1, 0, 1]);
    expect(() => logisticMinimum({ x: Float64Array.from([-2, 0, -1, 0, 1, 0, 2, 0]), y })).toThrow(/singular/);
    const separable = Float64Array.from([-2, 1, -1, 0.5, 1, -0.3, 2, 0.7]);
    expect(() => logisticMinimum({ x: separable, y: Float64Array.from([0, 0, 1, 1]) })).toThrow(/separable/);
  });

  it('lays the cost grid out centred on the given point, cost[i][j] at (w1[j], w2[i])', () => {
    const centre = { w1: 1, w2: -2, b: 0.5 };
    const grid = costGrid(p, centre, 0.5, 5);
    expect(grid.w1).toEqual([0.5, 0.75, 1, 1.25, 1.5]);
    expect(grid.w2).toEqual([-2.5, -2.25, -2, -1.75, -1.5]);
    expect(grid.cost[1][3]).toBe(logisticCost(p, { w1: 1.25, w2: -2.25, b: 0.5 }));
    expect(() => costGrid(p, centre, 0, 5)).toThrow(g.ArgumentError);
  });
});

describe('stability of a run', () => {
  it('rejects a run that oscillates between 0.5 and 7 (the raw breast_cancer run the issue found)', () => {
    expect(isStableRun([0.69, 1.36, 5.9, 4.62, 2.3, 6.73, 0.69, 3.53, 0.57, 1.73])).toBe(false);
  });

  it('accepts a decreasing run and one that wiggles within the factor, rejects NaN and one rise past it', () => {
    expect(isStableRun([0.7, 0.5, 0.4, 0.35])).toBe(true);
    expect(isStableRun([0.7, 0.5, 0.5 * STABLE_RISE_FACTOR * 0.999, 0.45])).toBe(true);
    expect(isStableRun([0.7, 0.5, 0.5 * STABLE_RISE_FACTOR * 1.001, 0.45])).toBe(false);
    expect(isStableRun([0.7, Number.NaN, 0.4])).toBe(false);
  });
});
