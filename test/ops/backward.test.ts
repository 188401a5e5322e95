import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { softmaxCrossEntropyMean } from '../../src/ops/softmaxCrossEntropy.js';

const { randn, rand } = g;
const positive = (shape: number[], seed: number) => rand(shape, { seed, low: 0.5, high: 2 });

/** Each op's backward rule against float64 central differences, on random inputs, with broadcasting. */
const cases: Array<[string, (...xs: Tensor[]) => Tensor, Tensor[]]> = [
  ['add (broadcast [m,1] + [1,n])', (a, b) => g.add(a, b), [randn([3, 1], { seed: 1 }), randn([1, 4], { seed: 2 })]],
  ['sub (broadcast [m,n] − [n])', (a, b) => g.sub(a, b), [randn([3, 4], { seed: 3 }), randn([4], { seed: 4 })]],
  ['mul (broadcast)', (a, b) => g.mul(a, b), [randn([2, 3, 4], { seed: 5 }), randn([3, 1], { seed: 6 })]],
  ['div', (a, b) => g.div(a, b), [randn([3, 4], { seed: 7 }), positive([3, 4], 8)]],
  ['div by a scalar tensor', (a, b) => g.div(a, b), [randn([3, 4], { seed: 7 }), positive([], 8)]],
  ['neg', (a) => g.neg(a), [randn([5], { seed: 9 })]],
  ['pow (number exponent)', (a) => g.pow(a, 3), [randn([4, 2], { seed: 10 })]],
  ['pow (tensor exponent)', (a, b) => g.pow(a, b), [positive([3, 2], 11), randn([3, 2], { seed: 12 })]],
  ['square', (a) => g.square(a), [randn([4], { seed: 13 })]],
  ['exp', (a) => g.exp(a), [randn([3, 3], { seed: 14 })]],
  ['log', (a) => g.log(a), [positive([3, 3], 15)]],
  ['sqrt', (a) => g.sqrt(a), [positive([3, 3], 16)]],
  ['abs', (a) => g.abs(a), [randn([3, 3], { seed: 17 })]],
  ['matmul A·B', (a, b) => g.matmul(a, b), [randn([3, 4], { seed: 18 }), randn([4, 2], { seed: 19 })]],
  [
    'matmul X·Wᵀ',
    (a, b) => g.matmul(a, b, { transposeB: true }),
    [randn([3, 4], { seed: 20 }), randn([2, 4], { seed: 21 })],
  ],
  [
    'matmul Aᵀ·B',
    (a, b) => g.matmul(a, b, { transposeA: true }),
    [randn([4, 3], { seed: 22 }), randn([4, 2], { seed: 23 })],
  ],
  [
    'matmul Aᵀ·Bᵀ',
    (a, b) => g.matmul(a, b, { transposeA: true, transposeB: true }),
    [randn([4, 3], { seed: 24 }), randn([2, 4], { seed: 25 })],
  ],
  ['sum (all)', (a) => g.sum(a), [randn([3, 4], { seed: 26 })]],
  ['sum (axes 0,2, keepDims)', (a) => g.sum(a, [0, 2], { keepDims: true }), [randn([2, 3, 4], { seed: 27 })]],
  ['mean (axis 1)', (a) => g.mean(a, 1), [randn([3, 5], { seed: 28 })]],
  ['max (axis 1)', (a) => g.max(a, 1), [randn([4, 5], { seed: 29 })]],
  ['max (all)', (a) => g.max(a), [randn([4, 5], { seed: 30 })]],
  ['relu', (a) => g.relu(a), [randn([4, 5], { seed: 31 })]],
  ['leakyRelu', (a) => g.leakyRelu(a, 0.2), [randn([4, 5], { seed: 32 })]],
  ['sigmoid', (a) => g.sigmoid(a), [randn([4, 5], { seed: 33 })]],
  ['tanh', (a) => g.tanh(a), [randn([4, 5], { seed: 34 })]],
  ['logSoftmax (last axis)', (a) => g.logSoftmax(a), [randn([4, 5], { seed: 35 })]],
  ['logSoftmax (axis 0)', (a) => g.logSoftmax(a, 0), [randn([4, 5], { seed: 36 })]],
  ['softmax', (a) => g.softmax(a), [randn([3, 6], { seed: 37 })]],
  [
    'where',
    (a, b) => g.where(g.greater(randn([3, 4], { seed: 38 }), 0), a, b),
    [randn([3, 4], { seed: 39 }), randn([4], { seed: 40 })],
  ],
  ['mask', (a) => g.mask(a, g.greater(randn([3, 4], { seed: 41 }), 0)), [randn([3, 4], { seed: 42 })]],
  ['clip', (a) => g.clip(a, -0.5, 0.5), [randn([4, 5], { seed: 43 })]],
  ['broadcastTo', (a) => g.broadcastTo(a, [3, 2, 4]), [randn([2, 1], { seed: 44 })]],
  ['reshape', (a) => g.reshape(a, [6, 2]), [randn([3, 4], { seed: 45 })]],
  ['transpose', (a) => g.transpose(a, [1, 2, 0]), [randn([2, 3, 4], { seed: 46 })]],
  ['gatherRows (repeated rows)', (a) => g.gatherRows(a, [2, 0, 2, 1]), [randn([3, 4], { seed: 47 })]],
  ['sliceRows', (a) => g.sliceRows(a, 1, 3), [randn([4, 2], { seed: 48 })]],
  ['concat (axis 1)', (a, b) => g.concat([a, b], 1), [randn([3, 2], { seed: 49 }), randn([3, 4], { seed: 50 })]],
  [
    'composite: sum(tanh(X·Wᵀ + b)²)',
    (X, W, b) => g.sum(g.square(g.tanh(g.add(g.matmul(X, W, { transposeB: true }), b)))),
    [randn([5, 3], { seed: 52 }), randn([4, 3], { seed: 53 }), randn([4], { seed: 54 })],
  ],
];

describe('every op backward matches float64 central differences (checkGrad)', () => {
  for (const [name, fn, inputs] of cases) {
    it(name, () => {
      const report = g.checkGrad(fn, inputs);
      expect(report.verdict, JSON.stringify(report.parameters.map((p) => [p.name, p.difference]))).toBe('pass');
      expect(report.difference).toBeLessThan(1e-7);
    });
  }
});

describe('astype backward', () => {
  it('casts the gradient back to the input dtype', () => {
    // A float32 round trip cannot be checked by differences (a 1e-7 step vanishes in float32 rounding),
    // so the rule is checked exactly: d/dx Σ astype(x)·c = c, in x's dtype.
    const c = g.tensor([0.5, -2, 3], { dtype: 'float32' });
    const [dx] = g.grad((x) => g.sum(g.mul(g.astype(x, 'float32'), c)))(g.tensor([1, 2, 3]));
    expect(dx.dtype).toBe('float64');
    expect(dx.toArray()).toEqual([0.5, -2, 3]);
  });
});

describe('fused primitives', () => {
  it('linear (X·Wᵀ + b) passes checkGrad and equals matmul + add', () => {
    const X = randn([5, 3], { seed: 60 });
    const W = randn([4, 3], { seed: 61 });
    const b = randn([4], { seed: 62 });
    expect(g.checkGrad((x, w, c) => g.linear(x, w, c), [X, W, b]).verdict).toBe('pass');
    expect(g.checkGrad((x, w) => g.linear(x, w), [X, W]).verdict).toBe('pass');
    expect(g.linear(X, W, b).toArray()).toEqual(g.add(g.matmul(X, W, { transposeB: true }), b).toArray());
    expect(() => g.linear(X, g.zeros([4, 2]))).toThrow(/linear: X \[5, 3\] does not fit W \[4, 2\]/);
  });

  it('linearActivation (bias and activation fused) passes checkGrad and equals the unfused ops', () => {
    const X = randn([6, 4], { seed: 64 });
    const W = randn([5, 4], { seed: 65 });
    const b = randn([5], { seed: 66 });
    const unfused = {
      relu: g.relu,
      leakyRelu: (t: Tensor) => g.leakyRelu(t, 0.2),
      tanh: g.tanh,
      sigmoid: g.sigmoid,
    } as const;
    for (const act of ['relu', 'leakyRelu', 'tanh', 'sigmoid'] as const) {
      expect(g.checkGrad((x, w, c) => g.linearActivation(x, w, c, act, 0.2), [X, W, b]).verdict, act).toBe('pass');
      expect(g.linearActivation(X, W, b, act, 0.2).toArray()).toEqual(unfused[act](g.linear(X, W, b)).toArray());
    }
    expect(g.checkGrad((x, w) => g.linearActivation(x, w, null, 'tanh'), [X, W]).verdict).toBe('pass');
  });

  it('softmaxCrossEntropyMean passes checkGrad in logits and targets and equals the composed ops', () => {
    const z = randn([5, 4], { seed: 67 });
    const soft = g.tensor([
      [1, 0, 0, 0],
      [0, 0.3, 0.7, 0],
      [0, 0, 0, 1],
      [0.5, 0.5, 0.5, 0],
      [0, 1, 0, 0],
    ]);
    expect(g.checkGrad((a) => softmaxCrossEntropyMean(a, soft), [z]).verdict).toBe('pass');
    expect(g.checkGrad((t) => softmaxCrossEntropyMean(z, t), [soft]).verdict).toBe('pass');
    const composed = g.neg(g.div(g.sum(g.mul(soft, g.logSoftmax(z, -1))), 5));
    expect(softmaxCrossEntropyMean(z, soft).item()).toBeCloseTo(composed.item(), 14);
    // A zero target where the log-probability underflowed adds nothing (0·(−∞) would be NaN).
    const far = softmaxCrossEntropyMean(g.tensor([[0, -1e4]]), g.tensor([[1, 0]]));
    expect(far.item()).toBe(0);
    expect(() => softmaxCrossEntropyMean(z, g.zeros([5, 3]))).toThrow(
      /softmaxCrossEntropyMean: logits \[5, 4\] and targets \[5, 3\] must both be \[m, k\]/,
    );
  });

  it('sigmoidCrossEntropy passes checkGrad and has slope σ(z) − y at z = 0', () => {
    const z = randn([6, 1], { seed: 63 });
    const y = g.tensor([[0], [1], [1], [0], [1], [0]]);
    expect(g.checkGrad((a) => g.sigmoidCrossEntropy(a, y), [z]).verdict).toBe('pass');
    const [dz] = g.grad((a) => g.sum(g.sigmoidCrossEntropy(a, g.tensor([1, 0]))))(g.tensor([0, 0]));
    expect(dz.toArray()).toEqual([-0.5, 0.5]);
    const extreme = g.sigmoidCrossEntropy(g.tensor([1000, -1000]), g.tensor([0, 0])).toArray();
    expect(extreme).toEqual([1000, 0]);
  });
});
