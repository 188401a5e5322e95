import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

describe('linear depth demo', () => {
  it('prints 1.5^L and 0.5^L to 1e-9 relative in float64', () => {
    const up = g.runLinearDepth({ scale: 1.5, layers: 20 });
    const down = g.runLinearDepth({ scale: 0.5, layers: 20 });
    expect(up.maxRelativeError).toBeLessThan(1e-9);
    expect(down.maxRelativeError).toBeLessThan(1e-9);
    expect(up.magnitude[19]).toBeCloseTo(1.5 ** 20, 3);
    expect(down.magnitude[19]).toBeCloseTo(0.5 ** 20, 15);
  });
});

describe('depth experiment (small version; the full one runs in the demo)', () => {
  it('He trains a deep ReLU net on digits while Glorot stalls near chance', () => {
    const r = g.runDepthExperiment({
      layers: 16,
      width: 32,
      rows: 500,
      epochs: 15,
      learningRate: 0.01,
      inits: ['heNormal', 'glorotNormal'],
    });
    const [he, glorot] = r.schemes;
    expect(he.finalAccuracy).toBeGreaterThan(0.6);
    expect(glorot.finalAccuracy).toBeLessThan(0.25);
    expect(he.activationStd[14] / he.activationStd[0]).toBeGreaterThan(0.1);
    expect(glorot.activationStd[14] / glorot.activationStd[0]).toBeLessThan(2e-2);
    // The report's depth section shows what gradlab diagnose says: nothing for He, vanishing for Glorot.
    expect(he.diagnosis).toMatchObject({ healthy: true, findings: [] });
    expect(glorot.diagnosis.findings.map((f) => f.kind)).toContain('vanishingActivations');
    expect(glorot.diagnosis.suggestion).toMatch(/heNormal|kaiming/i);
  });
});
