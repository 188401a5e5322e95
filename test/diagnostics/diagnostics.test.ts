import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

const x = g.StandardScaler.prototype.fitTransform.call(
  new g.StandardScaler({ onConstantFeatures: () => {} }),
  g.sliceRows(g.loadDataset('digits').x, 0, 256),
);
const y = g.sliceRows(g.loadDataset('digits').y, 0, 256);
const deep = (init: string, activation = 'relu', depth = 30) =>
  new g.Sequential(
    [
      ...Array.from({ length: depth - 1 }, () => new g.Dense(64, { activation, init })),
      new g.Dense(10, { activation: 'softmax', init }),
    ],
    { inputSize: 64, seed: 1 },
  );

describe('layerStatistics and diagnose', () => {
  it('shows the ReLU signal vanishing under Glorot and held by He, and suggests He', () => {
    const glorot = g.layerStatistics(deep('glorotNormal'), x, { y, loss: 'softmaxCrossEntropy' });
    const he = g.layerStatistics(deep('heNormal'), x, { y, loss: 'softmaxCrossEntropy' });
    expect(glorot).toHaveLength(30);
    expect(glorot[28].activationStd / glorot[0].activationStd).toBeLessThan(1e-3);
    expect(he[28].activationStd / he[0].activationStd).toBeGreaterThan(0.1);
    const bad = g.diagnose(glorot);
    expect(bad.healthy).toBe(false);
    expect(bad.findings.map((f) => f.kind)).toContain('vanishingActivations');
    expect(bad.suggestedInit).toBe('heNormal');
    expect(g.diagnose(he).healthy).toBe(true);
    expect(glorot[0].gradientNorm).toBeGreaterThan(0);
    expect(glorot[0].gradientToWeight).toBeCloseTo(glorot[0].gradientNorm! / glorot[0].weightNorm, 12);
  });

  it('detects exploding signals with W = 2·I and shrinking ones with 0.5·I (×2¹⁰ over 11 hidden layers)', () => {
    const linear = (gain: number) =>
      new g.Sequential(
        Array.from(
          { length: 12 },
          () => new g.Dense(64, { init: { name: 'identity', config: { gain } }, useBias: false }),
        ),
        { inputSize: 64 },
      );
    expect(g.diagnose(g.layerStatistics(linear(2), x)).findings[0].kind).toBe('explodingActivations');
    expect(g.diagnose(g.layerStatistics(linear(0.5), x)).findings[0].kind).toBe('vanishingActivations');
  });

  it('counts saturated tanh units and dead ReLUs', () => {
    const saturated = new g.Sequential(
      [new g.Dense(32, { activation: 'tanh', init: { name: 'randomNormal', config: { std: 3 } } })],
      { inputSize: 64, seed: 1 },
    );
    const s = g.layerStatistics(saturated, x)[0];
    expect(s.saturatedFraction).toBeGreaterThan(0.5);
    expect(g.diagnose([s, s]).findings.map((f) => f.kind)).toContain('saturation');
    const dead = new g.Sequential(
      [new g.Dense(16, { activation: 'relu', biasInit: { name: 'constant', config: { value: -100 } } })],
      { inputSize: 64, seed: 1 },
    );
    expect(g.layerStatistics(dead, x)[0].deadFraction).toBe(1);
  });
});

describe('LSUV', () => {
  it('brings every layer of the 30-layer ReLU network within its tolerance of unit variance', () => {
    const model = deep('heNormal');
    const results = g.lsuv(model, x, { tolerance: 0.1, seed: 1 });
    expect(results).toHaveLength(30);
    for (const r of results) {
      expect(r.converged).toBe(true);
      expect(Math.abs(r.variance - 1)).toBeLessThanOrEqual(0.1);
    }
    // …measured independently of lsuv(): the pre-activation variance of every layer on the batch.
    const stats = g.layerStatistics(model, x);
    for (const s of stats) expect(Math.abs(s.preActivationStd ** 2 + s.preActivationMean ** 2 - 1)).toBeLessThan(0.15);
  });
});
