import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

describe('Sequential and layers', () => {
  const model = new g.Sequential(
    [
      new g.Dense(4, { activation: 'relu' }),
      new g.Dropout(0.5),
      new g.Dense(3, { activation: 'tanh', useBias: false }),
      new g.Dense(1, { activation: 'sigmoid' }),
    ],
    { inputSize: 2, seed: 1 },
  );

  it('names parameters by layer index in a stable order, with [out, in] weights', () => {
    expect(model.namedParameters().map(([n, t]) => `${n}${JSON.stringify(t.shape)}`)).toEqual([
      '0.weight[4,2]',
      '0.bias[4]',
      '2.weight[3,4]',
      '3.weight[1,3]',
      '3.bias[1]',
    ]);
    expect(
      model.parameterSlots().map(({ name, layerIndex, role, penalized }) => [name, layerIndex, role, penalized]),
    ).toEqual([
      ['0.weight', 0, 'weight', true],
      ['0.bias', 0, 'bias', false],
      ['2.weight', 2, 'weight', true],
      ['3.weight', 3, 'weight', true],
      ['3.bias', 3, 'bias', false],
    ]);
    expect(model.parameterCount()).toBe(8 + 4 + 12 + 3 + 1);
  });

  it('initializes by activation when init is auto, and as asked otherwise', () => {
    expect((model.layers[0] as g.Dense).initializer.name).toBe('heNormal');
    expect((model.layers[2] as g.Dense).initializer.name).toBe('lecunNormal');
    expect((model.layers[3] as g.Dense).initializer.name).toBe('glorotUniform');
    const zeros = new g.Sequential([new g.Dense(3, { init: 'zeros' })], { inputSize: 2 });
    expect(Array.from(zeros.getParameter('0.weight').data)).toEqual([0, 0, 0, 0, 0, 0]);
    const seeded = (seed: number) =>
      new g.Sequential([new g.Dense(3, { init: 'heNormal' })], { inputSize: 2, seed }).flatParameters();
    expect(Array.from(seeded(5))).toEqual(Array.from(seeded(5)));
  });

  it('dropout is inverted, seeded, and off outside training', () => {
    const drop = new g.Sequential([new g.Dropout(0.25)], { inputSize: 1000 });
    const x = g.ones([4, 1000]);
    expect(drop.predict(x).toArray()).toEqual(x.toArray());
    const out = drop.forward(x, { training: true, generator: new g.Generator(1) });
    const values = new Set(out.data);
    expect([...values].sort()).toEqual([0, 1 / 0.75]);
    const kept = Array.from(out.data).filter((v) => v !== 0).length / out.size;
    expect(Math.abs(kept - 0.75)).toBeLessThan(0.02);
    const again = drop.forward(x, { training: true, generator: new g.Generator(1) });
    expect(Array.from(again.data)).toEqual(Array.from(out.data));
    expect(() => drop.forward(x, { training: true })).toThrow(/needs a generator/);
    expect(() => new g.Dropout(1)).toThrow(/rate must be in \[0, 1\)/);
  });

  it('dropout masks can be frozen and replayed', () => {
    const masks = new Map<number, g.Tensor>();
    const x = g.randn([5, 2], { seed: 2 });
    const a = model.forward(x, { training: true, generator: new g.Generator(3), masks });
    const b = model.forward(x, { training: true, generator: new g.Generator(99), masks });
    expect(masks.size).toBe(1);
    expect(a.toArray()).toEqual(b.toArray());
  });

  it('checks inputs and names what is wrong', () => {
    expect(() => model.forward(g.zeros([3, 5]))).toThrow(/expected X of shape \[m, 2\], got \[3, 5\]/);
    expect(() => model.forward(g.zeros([3, 2], { dtype: 'float32' }))).toThrow(g.DTypeError);
    expect(() => new g.Dense(0)).toThrow(/units must be a positive integer/);
    expect(() => new g.Dense(2, { activation: 'swish' })).toThrow(/unknown activation 'swish'/);
    expect(() => model.getParameter('9.weight')).toThrow(/no parameter named '9.weight'/);
  });

  it('a float32 model trains and predicts in float32', () => {
    const m32 = new g.Sequential([new g.Dense(8, { activation: 'relu' }), new g.Dense(1, { activation: 'sigmoid' })], {
      inputSize: 2,
      dtype: 'float32',
      seed: 1,
    });
    const d = g.circles({ n: 100, noise: 0.05, seed: 1, dtype: 'float32' });
    const h = g.fit(m32, d.x, d.y, {
      loss: 'binaryCrossEntropy',
      optimizer: 'adam',
      learningRate: 0.02,
      epochs: 30,
      quiet: true,
    });
    expect(m32.getParameter('0.weight').dtype).toBe('float32');
    expect(m32.predict(d.x).dtype).toBe('float32');
    expect(h.epochs.at(-1)!.loss).toBeLessThan(h.steps[0]);
  });

  it('losses validate their labels', () => {
    expect(() => g.softmaxCrossEntropy(g.zeros([2, 3]), g.tensor([0, 3]))).toThrow(
      /label 3 of example 1 is not a class in 0..2/,
    );
    expect(() => g.binaryCrossEntropy(g.zeros([2, 2]), g.zeros([2, 2]))).toThrow(/one value per example/);
    const onehot = g.softmaxCrossEntropy(g.tensor([[1, 2, 3]]), g.tensor([[0, 0, 1]])).item();
    const integer = g.softmaxCrossEntropy(g.tensor([[1, 2, 3]]), g.tensor([2])).item();
    expect(onehot).toBe(integer);
    expect(integer).toBeCloseTo(-Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), 14);
  });
});
