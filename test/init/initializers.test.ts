import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import { truncatedStdFactor } from '../../src/init/index.js';

function stats(t: g.Tensor): { mean: number; std: number; min: number; max: number } {
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of t.data) {
    mean += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  mean /= t.size;
  let s = 0;
  for (const v of t.data) s += (v - mean) ** 2;
  return { mean, std: Math.sqrt(s / t.size), min, max };
}

describe('fans and gains', () => {
  it("computes fans in PyTorch's layout", () => {
    expect(g.computeFans([256, 784])).toEqual({ fanIn: 784, fanOut: 256 });
    expect(g.computeFans([16, 3, 5, 5])).toEqual({ fanIn: 75, fanOut: 400 });
    expect(g.computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 });
    expect(() => g.computeFans([])).toThrow(/scalar has no fans/);
  });

  it("equals PyTorch's gain table", () => {
    expect(g.calculateGain('linear')).toBe(1);
    expect(g.calculateGain('sigmoid')).toBe(1);
    expect(g.calculateGain('tanh')).toBe(5 / 3);
    expect(g.calculateGain('relu')).toBe(Math.sqrt(2));
    expect(g.calculateGain('leakyRelu')).toBe(Math.sqrt(2 / (1 + 0.01 ** 2)));
    expect(g.calculateGain('leakyRelu', 0.2)).toBe(Math.sqrt(2 / 1.04));
    expect(g.calculateGain('selu')).toBe(0.75);
    expect(() => g.calculateGain('swish')).toThrow(/unknown nonlinearity 'swish'/);
  });
});

describe('every random scheme has the std it promises (1000×1000 weight, within 1%)', () => {
  const shape = [1000, 1000];
  const schemes: Array<[string, g.Initializer, number]> = [
    ['heNormal', g.heNormal(), Math.sqrt(2 / 1000)],
    ['heUniform', g.heUniform(), Math.sqrt(2 / 1000)],
    ['lecunNormal', g.lecunNormal(), Math.sqrt(1 / 1000)],
    ['lecunUniform', g.lecunUniform(), Math.sqrt(1 / 1000)],
    ['glorotNormal', g.glorotNormal(), Math.sqrt(2 / 2000)],
    ['glorotUniform', g.glorotUniform(), Math.sqrt(2 / 2000)],
    ['kaimingNormal(relu, fanOut)', g.kaimingNormal({ nonlinearity: 'relu', mode: 'fanOut' }), Math.sqrt(2 / 1000)],
    [
      'kaimingUniform(leakyRelu 0.2)',
      g.kaimingUniform({ nonlinearity: 'leakyRelu', a: 0.2 }),
      Math.sqrt(2 / 1.04 / 1000),
    ],
    ['xavierNormal(gain 5/3)', g.xavierNormal({ gain: 5 / 3 }), (5 / 3) * Math.sqrt(2 / 2000)],
    ['xavierUniform', g.xavierUniform(), Math.sqrt(2 / 2000)],
    [
      'varianceScaling truncatedNormal (the tfjs 8594 case)',
      g.varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' }),
      Math.sqrt(2 / 1000),
    ],
    ['randomNormal', g.randomNormal({ mean: 0.5, std: 0.2 }), 0.2],
    ['randomUniform', g.randomUniform({ min: -1, max: 3 }), 4 / Math.sqrt(12)],
    ['truncatedNormal (absolute bounds)', g.truncatedNormal({ std: 1, a: -1, b: 2 }), truncatedStdFactor(-1, 2)],
  ];
  for (const [name, init, expected] of schemes) {
    it(name, () => {
      const w = init.sample(shape, { seed: 7 });
      const s = stats(w);
      expect(init.expectedStd(shape)!).toBeCloseTo(expected, 6);
      expect(Math.abs(s.std - expected) / expected).toBeLessThan(0.01);
    });
  }

  it('a truncated normal stays inside ±2σ of its unscaled std', () => {
    const init = g.varianceScaling({ scale: 1, distribution: 'truncatedNormal' });
    const w = init.sample([200, 100], { seed: 1 });
    const limit = (2 * Math.sqrt(1 / 100)) / g.TRUNCATED_NORMAL_STD;
    expect(Math.max(...Array.from(w.data, Math.abs))).toBeLessThanOrEqual(limit);
  });
});

describe('orthogonal, identity and constants', () => {
  const maxDeviationFromIdentity = (q: g.Tensor, gain = 1) => {
    const [rows, cols] = q.shape;
    const small = Math.min(rows, cols);
    const gram = rows <= cols ? g.matmul(q, q, { transposeB: true }) : g.matmul(q, q, { transposeA: true });
    let worst = 0;
    for (let i = 0; i < small; i++)
      for (let j = 0; j < small; j++)
        worst = Math.max(worst, Math.abs(gram.data[i * small + j] / (gain * gain) - (i === j ? 1 : 0)));
    return worst;
  };

  it('orthogonal gives ‖QᵀQ − I‖_max < 1e-10 for tall, wide and square weights, with gain', () => {
    expect(maxDeviationFromIdentity(g.orthogonal().sample([256, 256], { seed: 1 }))).toBeLessThan(1e-10);
    expect(maxDeviationFromIdentity(g.orthogonal().sample([300, 120], { seed: 2 }))).toBeLessThan(1e-10);
    expect(maxDeviationFromIdentity(g.orthogonal().sample([120, 300], { seed: 3 }))).toBeLessThan(1e-10);
    expect(maxDeviationFromIdentity(g.orthogonal({ gain: 2 }).sample([64, 64], { seed: 4 }), 2)).toBeLessThan(1e-10);
  });

  it('identity, zeros, ones and constant', () => {
    expect(g.identity({ gain: 1.5 }).sample([2, 3]).toArray()).toEqual([
      [1.5, 0, 0],
      [0, 1.5, 0],
    ]);
    expect(g.getInitializer('zeros').sample([2]).toArray()).toEqual([0, 0]);
    expect(g.getInitializer('ones').sample([2]).toArray()).toEqual([1, 1]);
    expect(g.constant({ value: 3 }).sample([2]).toArray()).toEqual([3, 3]);
    expect(() => g.identity().sample([2, 2, 2])).toThrow(/needs a 2-D weight/);
  });
});

describe('initializers are seeded and serializable by name and config', () => {
  it('same seed, same weights; round trip through JSON', () => {
    for (const name of g.INITIALIZER_NAMES) {
      const init = g.getInitializer(name);
      const again = g.getInitializer(JSON.parse(JSON.stringify(init.toJSON())));
      expect(again.name).toBe(init.name);
      expect(again.sample([6, 4], { seed: 3 }).toArray()).toEqual(init.sample([6, 4], { seed: 3 }).toArray());
    }
    const k = g.kaimingNormal({ mode: 'fanOut', nonlinearity: 'tanh' });
    expect(k.toJSON()).toEqual({ name: 'kaimingNormal', config: { mode: 'fanOut', nonlinearity: 'tanh', a: 0 } });
    expect(g.getInitializer(k.toJSON()).expectedStd([10, 20])).toBe(k.expectedStd([10, 20]));
    expect(() => g.getInitializer('magic')).toThrow(/unknown initializer 'magic'/);
  });

  it('Dense accepts a name, a spec or an initializer, and samples float32 too', () => {
    const byName = new g.Sequential([new g.Dense(3, { init: 'lecunUniform' })], { inputSize: 4, seed: 2 });
    const bySpec = new g.Sequential([new g.Dense(3, { init: { name: 'lecunUniform' } })], { inputSize: 4, seed: 2 });
    const byObject = new g.Sequential([new g.Dense(3, { init: g.lecunUniform() })], { inputSize: 4, seed: 2 });
    expect(Array.from(bySpec.flatParameters())).toEqual(Array.from(byName.flatParameters()));
    expect(Array.from(byObject.flatParameters())).toEqual(Array.from(byName.flatParameters()));
    expect(g.heNormal().sample([3, 3], { seed: 1, dtype: 'float32' }).dtype).toBe('float32');
  });
});
