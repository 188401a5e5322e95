import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

/** Runs `steps` updates of one parameter [w] with constant gradient sequence `grads`. */
function run(opt: g.Optimizer, w0: number, grads: number[]): number[] {
  const p = g.tensor([w0]);
  return grads.map((gr) => {
    opt.step([p], [g.tensor([gr])]);
    return p.data[0];
  });
}

describe('optimizers follow their update rules (values worked by hand)', () => {
  it('SGD: w ← w − α·g', () => {
    expect(run(new g.SGD({ learningRate: 0.1 }), 1, [2, 2])).toEqual([0.8, 0.6000000000000001]);
  });

  it('momentum: v ← μv + g, w ← w − αv', () => {
    const w = run(new g.SGD({ learningRate: 0.1, momentum: 0.9 }), 1, [1, 1]);
    expect(w[0]).toBeCloseTo(0.9, 15);
    expect(w[1]).toBeCloseTo(0.9 - 0.1 * 1.9, 15);
  });

  it('Nesterov: w ← w − α(g + μv)', () => {
    const w = run(new g.SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), 1, [1, 1]);
    expect(w[0]).toBeCloseTo(1 - 0.1 * 1.9, 15);
    expect(w[1]).toBeCloseTo(w[0] - 0.1 * (1 + 0.9 * 1.9), 15);
  });

  it('RMSprop: s ← ρs + (1−ρ)g², w ← w − αg/(√s + ε)', () => {
    const w = run(new g.RMSprop({ learningRate: 0.01, rho: 0.9, epsilon: 1e-8 }), 1, [2]);
    expect(w[0]).toBeCloseTo(1 - (0.01 * 2) / (Math.sqrt(0.1 * 4) + 1e-8), 15);
  });

  it('Adam: the first step moves by about α whatever the gradient scale (bias correction)', () => {
    const w = run(new g.Adam({ learningRate: 0.01 }), 1, [1000, 1000]);
    expect(w[0]).toBeCloseTo(1 - 0.01 * (1000 / (1000 + 1e-8)), 12);
    expect(w[1]).toBeCloseTo(w[0] - 0.01 * (1000 / (1000 + 1e-8)), 12);
    const small = run(new g.Adam({ learningRate: 0.01 }), 1, [1e-3]);
    expect(1 - small[0]).toBeCloseTo(0.01 * (1e-3 / (1e-3 + 1e-8)), 12);
  });

  it('keeps state per parameter and works in float32', () => {
    const opt = new g.SGD({ learningRate: 0.5, momentum: 0.5 });
    const a = g.tensor([1], { dtype: 'float32' });
    const b = g.tensor([1, 1], { dtype: 'float32' });
    opt.step([a, b], [g.tensor([1], { dtype: 'float32' }), g.tensor([0, 2], { dtype: 'float32' })]);
    opt.step([a, b], [g.tensor([1], { dtype: 'float32' }), g.tensor([0, 2], { dtype: 'float32' })]);
    expect(Array.from(a.data)).toEqual([1 - 0.5 - 0.75]);
    expect(Array.from(b.data)).toEqual([1, 1 - 1 - 1.5]);
    expect(() => opt.step([a], [b])).toThrow(/gradient \[2\] for parameter \[1\]/);
  });

  it('creates optimizers by name and rejects unknown ones', () => {
    expect(g.createOptimizer('nesterov', { learningRate: 0.2 }).config()).toEqual({
      name: 'sgd',
      learningRate: 0.2,
      momentum: 0.9,
      nesterov: true,
    });
    expect(() => g.createOptimizer('adagrad')).toThrow(/unknown optimizer 'adagrad'/);
    expect(() => new g.SGD({ learningRate: 0 })).toThrow(/learning rate must be a finite number > 0/);
  });
});

describe('learning-rate schedules', () => {
  it('step, exponential and 1/t decay', () => {
    expect([0, 1, 2, 3, 4].map((e) => g.stepDecay({ stepSize: 2, gamma: 0.5 })(e, 1))).toEqual([1, 1, 0.5, 0.5, 0.25]);
    expect(g.exponentialDecay({ gamma: 0.9 })(2, 1)).toBeCloseTo(0.81, 15);
    expect(g.inverseTimeDecay({ decayRate: 1 })(3, 0.2)).toBeCloseTo(0.05, 15);
  });
});
