import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

// The failing inputs, each built directly, plus adversarial cases.
const digits = g.loadDataset('digits');
const x = new g.StandardScaler({ onConstantFeatures: () => {} }).fitTransform(g.sliceRows(digits.x, 0, 256));
const y = g.sliceRows(digits.y, 0, 256);
const settings = { loss: 'softmaxCrossEntropy', inputsScaled: true, featureNames: digits.featureNames };
const mlp = (hidden: number[], options: g.DenseOptions, inputSize = 64, seed = 1) =>
  new g.Sequential(
    [...hidden.map((w) => new g.Dense(w, options)), new g.Dense(10, { activation: 'softmax', init: options.init })],
    { inputSize, seed },
  );
const kinds = (d: g.Diagnosis) => d.findings.map((f) => f.kind);

describe('diagnose: the issue’s cases', () => {
  it('zeros: symmetry only, with its evidence, and no "1/Infinity"', () => {
    const d = g.diagnoseAtInitialization(mlp([32, 32], { activation: 'relu', init: 'zeros' }), x, y, settings);
    expect(kinds(d)).toEqual(['symmetry']);
    expect(d.findings[0].evidence.weightStd).toBe(0);
    expect(d.findings[0].message).not.toMatch(/Infinity|NaN/);
    expect(d.suggestedInit).toBe('heNormal');
  });

  it('constant init is symmetry too; a single unit or the output layer alone is not', () => {
    const constant = mlp([16], { activation: 'tanh', init: { name: 'constant', config: { value: 0.1 } } });
    const d = g.diagnoseAtInitialization(constant, x, y, settings);
    expect(kinds(d)[0]).toBe('symmetry');
    expect(d.suggestedInit).toBe('lecunNormal');
    const stats = g.layerStatistics(mlp([1], { activation: 'relu' }), x);
    expect(stats[0].identicalUnits).toBe(false);
  });

  it('a well-trained network with confident outputs: no saturation of the output layer, no finding', () => {
    const bc = g.loadDataset('breast_cancer');
    const bx = new g.StandardScaler().fitTransform(bc.x);
    const model = new g.Sequential(
      [new g.Dense(16, { activation: 'relu' }), new g.Dense(1, { activation: 'sigmoid' })],
      { inputSize: 30, seed: 1 },
    );
    g.fit(model, bx, bc.y, {
      loss: 'binaryCrossEntropy',
      optimizer: 'adam',
      learningRate: 0.01,
      epochs: 30,
      quiet: true,
    });
    const r = g.diagnoseNetwork(model, bx, bc.y, { loss: 'binaryCrossEntropy', inputsScaled: true });
    expect(r.layers[1].saturatedFraction).toBeGreaterThan(0.5);
    expect(r.diagnosis.findings).toEqual([]);
  });

  it('raw features that differ ×10⁴ in scale: unnormalizedInputs, naming the features', () => {
    const bc = g.loadDataset('breast_cancer');
    const model = new g.Sequential(
      [new g.Dense(16, { activation: 'relu' }), new g.Dense(1, { activation: 'sigmoid' })],
      { inputSize: 30, seed: 1 },
    );
    const d = g.diagnoseAtInitialization(model, bc.x, bc.y, {
      loss: 'binaryCrossEntropy',
      inputsScaled: false,
      featureNames: bc.featureNames,
    });
    expect(kinds(d)[0]).toBe('unnormalizedInputs');
    expect(d.findings[0].evidence.largestFeatures).toContain('worst_area');
    expect(d.findings[0].evidence.scaleSpread as number).toBeGreaterThan(1e4);
    expect(d.action).toBe('normalizeInputs');
  });

  it('a healthy 10-layer He net with a 64×… first and a …×10 last layer: no gradient finding (per-entry RMS)', () => {
    const model = mlp(
      Array.from({ length: 9 }, () => 8),
      { activation: 'relu', init: 'heNormal' },
    );
    const stats = g.layerStatistics(model, x, { y, loss: 'softmaxCrossEntropy' });
    // The Frobenius norms differ by the shapes alone; the per-entry RMS does not.
    expect(stats[0].gradientRms).toBeCloseTo(stats[0].gradientNorm! / Math.sqrt(8 * 64), 12);
    expect(kinds(g.diagnose(stats, { training: { inputsScaled: true } }))).toEqual([]);
  });

  it('never suggests what is in use: dead ReLUs under He with zero biases → leakyRelu, not heNormal', () => {
    const stats = g.layerStatistics(mlp([32, 32], { activation: 'relu', init: 'heNormal' }), x);
    const dead = stats.map((s, i) => (i === 1 ? { ...s, activeFraction: 0.01, deadFraction: 0.95 } : s));
    const d = g.diagnose(dead, { training: { learningRate: 0.5 } });
    expect(kinds(d)[0]).toBe('deadUnits');
    expect(d.action).toBe('useLeakyRelu');
    expect(d.suggestion).not.toMatch(/heNormal/);
  });

  it('saturated tanh under LeCun on raw inputs → normalize the inputs, not lecunNormal', () => {
    const raw = g.sliceRows(digits.x, 0, 256);
    const model = mlp([32, 32], { activation: 'tanh', init: 'lecunNormal' });
    const d = g.diagnoseAtInitialization(model, raw, y, { ...settings, inputsScaled: false });
    expect(kinds(d)[0]).toBe('saturation');
    expect(d.action).toBe('normalizeInputs');
    expect(d.suggestion).not.toMatch(/initialize with lecunNormal/);
  });

  it('×10 on a small net: largeWeights with the initial loss against chance; He×10 asks to drop the factor', () => {
    const times10 = mlp([10, 5], { activation: 'relu', init: { name: 'randomNormal', config: { std: 10 } } });
    const d = g.diagnoseAtInitialization(times10, x, y, settings);
    expect(kinds(d)[0]).toBe('largeWeights');
    expect(d.findings[0].evidence.loss as number).toBeGreaterThan(10 * Math.log(10));
    expect(d.findings[0].evidence.confidentWrongFraction as number).toBeGreaterThan(0.5);
    expect(d.suggestedInit).toBe('heNormal');
    const he = mlp([10, 5], { activation: 'relu', init: 'heNormal' });
    for (const p of he.parameters()) for (let i = 0; i < p.size; i++) p.data[i] *= 30;
    const scaled = g.diagnoseAtInitialization(he, x, y, settings);
    expect(kinds(scaled)[0]).toBe('largeWeights');
    expect(scaled.action).toBe('removeWeightScale');
    expect(scaled.suggestedInit).toBeNull();
  });

  it('with the model, statistics of the hidden layers alone are all judged as hidden', () => {
    const model = mlp([32, 32], { activation: 'tanh', init: { name: 'randomNormal', config: { std: 3 } } });
    const hiddenOnly = g.layerStatistics(model, x).slice(0, 2);
    expect(g.diagnose(hiddenOnly, { model }).findings[0].layers).toEqual([0, 1]);
    expect(g.diagnose(hiddenOnly).findings[0].layers).toEqual([0]);
  });

  it('a network without hidden layers or without labels still gets a diagnosis', () => {
    const single = new g.Sequential([new g.Dense(10, { activation: 'softmax' })], { inputSize: 64, seed: 1 });
    expect(g.diagnose(g.layerStatistics(single, x)).healthy).toBe(true);
    expect(g.diagnose([]).healthy).toBe(true);
  });

  it('formats the table, the findings and the suggestion', () => {
    const r = g.diagnoseNetwork(mlp([16, 16], { activation: 'relu', init: 'zeros' }), x, y, settings);
    const text = g.formatDiagnosis(r.layers, r.diagnosis);
    expect(text).toMatch(/^layer\s+activation/);
    expect(text).toMatch(/symmetry: every unit of layers 0, 1/);
    expect(text).toMatch(/suggestion: initialize with heNormal/);
  });
});
