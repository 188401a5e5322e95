import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import { expectClose } from '../helpers.js';

const { tensor } = g;

describe('elementwise forward values', () => {
  const a = tensor([
    [1, -2],
    [3, 0.5],
  ]);

  it('computes arithmetic with broadcasting of [m,1] with [1,n]', () => {
    const col = tensor([[1], [2]]);
    const row = tensor([[10, 20, 30]]);
    expect(g.add(col, row).toArray()).toEqual([
      [11, 21, 31],
      [12, 22, 32],
    ]);
    expect(g.sub(col, row).toArray()).toEqual([
      [-9, -19, -29],
      [-8, -18, -28],
    ]);
    expect(g.mul(col, row).toArray()).toEqual([
      [10, 20, 30],
      [20, 40, 60],
    ]);
    expect(g.div(row, col).toArray()).toEqual([
      [10, 20, 30],
      [5, 10, 15],
    ]);
    expect(g.add(a, tensor([100, 200])).toArray()).toEqual([
      [101, 198],
      [103, 200.5],
    ]);
    expect(g.mul(2, a).toArray()).toEqual([
      [2, -4],
      [6, 1],
    ]);
    expect(g.neg(a).toArray()).toEqual([
      [-1, 2],
      [-3, -0.5],
    ]);
  });

  it('computes pow, exp, log, sqrt and abs', () => {
    expect(g.pow(a, 2).toArray()).toEqual([
      [1, 4],
      [9, 0.25],
    ]);
    expect(g.pow(tensor([2, 3]), tensor([3, 0.5])).toArray()).toEqual([8, Math.sqrt(3)]);
    expectClose(g.exp(tensor([0, 1, -1])), [1, Math.E, 1 / Math.E]);
    expectClose(g.log(tensor([1, Math.E, 0])), [0, 1, -Infinity]);
    expect(g.sqrt(tensor([4, 2.25])).toArray()).toEqual([2, 1.5]);
    expect(g.abs(a).toArray()).toEqual([
      [1, 2],
      [3, 0.5],
    ]);
  });

  it('computes the activations, including their extremes', () => {
    const x = tensor([-1000, -1, 0, 1, 1000]);
    expect(g.relu(x).toArray()).toEqual([0, 0, 0, 1, 1000]);
    expect(g.leakyRelu(x, 0.1).toArray()).toEqual([-100, -0.1, 0, 1, 1000]);
    expectClose(g.sigmoid(x), [0, 1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-1)), 1]);
    expectClose(g.tanh(x), [-1, Math.tanh(-1), 0, Math.tanh(1), 1]);
    expect(g.clip(x, -1, 2).toArray()).toEqual([-1, -1, 0, 1, 2]);
    expect(() => g.clip(x, 2, 1)).toThrow(/min \(2\) must not exceed max \(1\)/);
    expect(Number.isNaN(g.relu(tensor([NaN])).item())).toBe(true);
  });

  it('selects with where and mask', () => {
    const c = tensor([1, 0, 1]);
    expect(g.where(c, tensor([1, 2, 3]), 0).toArray()).toEqual([1, 0, 3]);
    expect(g.where(tensor([[1], [0]]), tensor([5, 6]), tensor([7, 8])).toArray()).toEqual([
      [5, 6],
      [7, 8],
    ]);
    expect(g.mask(tensor([4, 5, 6]), c).toArray()).toEqual([4, 0, 6]);
  });

  it('compares and takes argmax without recording', () => {
    expect(g.greater(tensor([1, 2, 3]), 2).toArray()).toEqual([0, 0, 1]);
    expect(g.less(tensor([1, 2, 3]), 2).toArray()).toEqual([1, 0, 0]);
    expect(g.equal(tensor([1, 2, 3]), tensor([1, 0, 3])).toArray()).toEqual([1, 0, 1]);
    expect(
      g
        .argmax(
          tensor([
            [1, 9, 3],
            [7, 2, 7],
          ]),
        )
        .toArray(),
    ).toEqual([1, 0]);
    expect(
      g
        .argmax(
          tensor([
            [1, 9, 3],
            [7, 2, 7],
          ]),
          0,
        )
        .toArray(),
    ).toEqual([1, 0, 1]);
  });
});

describe('matmul forward values', () => {
  const A = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const B = tensor([
    [7, 8],
    [9, 10],
    [11, 12],
  ]);
  const expected = [
    [58, 64],
    [139, 154],
  ];

  it('computes all four transpose forms without materializing the transpose', () => {
    expect(g.matmul(A, B).toArray()).toEqual(expected);
    expect(g.matmul(A, g.transpose(B), { transposeB: true }).toArray()).toEqual(expected);
    expect(g.matmul(g.transpose(A), B, { transposeA: true }).toArray()).toEqual(expected);
    expect(g.matmul(g.transpose(A), g.transpose(B), { transposeA: true, transposeB: true }).toArray()).toEqual(
      expected,
    );
  });

  it('handles empty inner and outer dimensions', () => {
    expect(g.matmul(g.zeros([2, 0]), g.zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(g.matmul(g.zeros([0, 2]), g.zeros([2, 3])).shape).toEqual([0, 3]);
  });
});

describe('reductions', () => {
  const x = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('sums over all, one or several axes, with keepDims', () => {
    expect(g.sum(x).item()).toBe(21);
    expect(g.sum(x, 0).toArray()).toEqual([5, 7, 9]);
    expect(g.sum(x, 1).toArray()).toEqual([6, 15]);
    expect(g.sum(x, -1, { keepDims: true }).toArray()).toEqual([[6], [15]]);
    expect(g.sum(x, [0, 1], { keepDims: true }).toArray()).toEqual([[21]]);
    const t = g.reshape(g.arange(24), [2, 3, 4]);
    expect(g.sum(t, [0, 2]).toArray()).toEqual([60, 92, 124]);
  });

  it('treats an empty axis list as no reduction and empty tensors as sum 0', () => {
    expect(g.sum(x, []).toArray()).toEqual(x.toArray());
    expect(g.sum(g.zeros([0, 3]), 0).toArray()).toEqual([0, 0, 0]);
    expect(g.mean(x, [0]).toArray()).toEqual([2.5, 3.5, 4.5]);
    expect(g.mean(x).item()).toBe(3.5);
  });

  it('takes maxima and rejects bad axes', () => {
    expect(g.max(x).item()).toBe(6);
    expect(g.max(x, 0).toArray()).toEqual([4, 5, 6]);
    expect(
      g
        .max(
          tensor([
            [1, NaN],
            [0, 2],
          ]),
          1,
        )
        .toArray(),
    ).toEqual([NaN, 2]);
    expect(() => g.sum(x, 2)).toThrow(/axis 2 is out of range for a tensor of rank 2/);
  });
});

describe('softmax', () => {
  it('is stable for large negative and positive logits', () => {
    const ls = g.logSoftmax(
      tensor([
        [-1000, 0, 1000],
        [1, 1, 1],
      ]),
    );
    expectClose(ls, [
      [-2000, -1000, 0],
      [-Math.log(3), -Math.log(3), -Math.log(3)],
    ]);
    expectClose(g.softmax(tensor([[-1e4, -1e4 + Math.log(3)]])), [[0.25, 0.75]]);
    expect(g.softmax(tensor([[1e308, -1e308]])).toArray()).toEqual([[1, 0]]);
  });

  it('works along any axis', () => {
    const s = g.softmax(
      tensor([
        [0, 0],
        [Math.log(3), 0],
      ]),
      0,
    );
    expectClose(s, [
      [0.25, 0.5],
      [0.75, 0.5],
    ]);
  });
});

describe('float32 and float64 agree', () => {
  it('gives the same forward values to float32 precision', () => {
    const x64 = g.randn([8, 5], { seed: 1 });
    const w64 = g.randn([4, 5], { seed: 2 });
    const x32 = g.astype(x64, 'float32');
    const w32 = g.astype(w64, 'float32');
    const f = (x: g.Tensor, w: g.Tensor) => g.logSoftmax(g.tanh(g.matmul(x, w, { transposeB: true })));
    const r64 = f(x64, w64);
    const r32 = f(x32, w32);
    expect(r32.dtype).toBe('float32');
    expectClose(r32, r64.toArray(), 1e-5);
  });
});
