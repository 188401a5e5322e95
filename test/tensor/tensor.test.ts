import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  Tensor,
  add,
  arange,
  astype,
  concat,
  eye,
  full,
  gatherRows,
  matmul,
  ones,
  randn,
  reshape,
  sliceRows,
  tensor,
  transpose,
  zeros,
} from '../../src/index.js';
import { broadcastShapes } from '../../src/tensor/index.js';

describe('tensor creation', () => {
  it('builds tensors from nested arrays, typed arrays and numbers', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float64');
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(7).item()).toBe(7);
    const f = tensor(new Float32Array([1, 2, 3, 4]), { shape: [2, 2] });
    expect(f.dtype).toBe('float32');
    expect(f.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor([1.1], { dtype: 'float32' }).item()).toBe(Math.fround(1.1));
  });

  it('rejects ragged arrays and mismatched shapes, naming the place', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged nested array at \[1\]/);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError);
    expect(() => new Tensor(new Float64Array(3), [2, 2])).toThrow(/length 3 does not fit shape \[2, 2\]/);
  });

  it('makes zeros, ones, full, arange and eye', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    expect(ones([1, 2], { dtype: 'float32' }).toArray()).toEqual([[1, 1]]);
    expect(full([2], 3.5).toArray()).toEqual([3.5, 3.5]);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(3, 0).size).toBe(0);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(() => zeros([2, -1])).toThrow(ShapeError);
  });

  it('draws seeded random tensors', () => {
    expect(randn([3], { seed: 1 }).toArray()).toEqual(randn([3], { seed: 1 }).toArray());
    expect(randn([3], { seed: 1 }).toArray()).not.toEqual(randn([3], { seed: 2 }).toArray());
  });

  it('refuses item() on a tensor of more than one element', () => {
    expect(() => zeros([2]).item()).toThrow(/has 2 elements/);
  });
});

describe('layout ops', () => {
  const x = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('reshapes, with -1 inferred, and names both shapes when it cannot', () => {
    expect(reshape(x, [3, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(reshape(x, [-1]).shape).toEqual([6]);
    expect(() => reshape(x, [4, 2])).toThrow(/cannot reshape \[2, 3\] \(6 elements\) to \[4, 2\]/);
  });

  it('transposes 2-D and n-D tensors', () => {
    expect(transpose(x).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const t = reshape(arange(24), [2, 3, 4]);
    const p = transpose(t, [2, 0, 1]);
    expect(p.shape).toEqual([4, 2, 3]);
    expect((p.toArray() as number[][][])[3][1][2]).toBe(1 * 12 + 2 * 4 + 3);
    expect(() => transpose(x, [0, 0])).toThrow(/not a permutation/);
  });

  it('gathers and slices rows for mini-batches', () => {
    expect(gatherRows(x, [1, 1, 0]).toArray()).toEqual([
      [4, 5, 6],
      [4, 5, 6],
      [1, 2, 3],
    ]);
    expect(sliceRows(x, 1, 10).toArray()).toEqual([[4, 5, 6]]);
    expect(sliceRows(x, 2, 3).shape).toEqual([0, 3]);
    expect(() => gatherRows(x, [2])).toThrow(/index 2 is out of range for 2 rows/);
  });

  it('concatenates along any axis', () => {
    expect(concat([x, tensor([[7, 8, 9]])]).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(concat([x, tensor([[0], [0]])], 1).toArray()).toEqual([
      [1, 2, 3, 0],
      [4, 5, 6, 0],
    ]);
    expect(() => concat([x, tensor([[1, 2]])])).toThrow(/differ outside axis 0/);
  });

  it('converts dtypes only when asked', () => {
    const f = astype(x, 'float32');
    expect(f.dtype).toBe('float32');
    expect(astype(f, 'float64').toArray()).toEqual(x.toArray());
    expect(astype(x, 'float64')).toBe(x);
  });
});

describe('errors name the op, the shapes and the dtypes', () => {
  it('broadcasting follows NumPy and reports incompatible shapes', () => {
    expect(broadcastShapes('add', [3, 1], [1, 4])).toEqual([3, 4]);
    expect(broadcastShapes('add', [5], [2, 1])).toEqual([2, 5]);
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(/add: shapes \[2, 3\] and \[4\] cannot be broadcast together/);
  });

  it('matmul names the shapes and the inner dimensions', () => {
    expect(() => matmul(zeros([2, 3]), zeros([2, 3]))).toThrow(
      /matmul: inner dimensions differ: \[2, 3\] · \[2, 3\] \(3 ≠ 2\)/,
    );
    expect(() => matmul(zeros([2, 3]), zeros([4, 2]), { transposeB: true })).toThrow(/\[4, 2\]ᵀ/);
  });

  it('mixing float32 and float64 is an explicit error, not a promotion', () => {
    const a = zeros([2], { dtype: 'float32' });
    const b = zeros([2]);
    expect(() => add(a, b)).toThrow(DTypeError);
    expect(() => add(a, b)).toThrow(/add: operands have different dtypes \(float32 and float64\)/);
    expect(() => matmul(zeros([1, 1], { dtype: 'float32' }), zeros([1, 1]))).toThrow(DTypeError);
    expect(add(a, 1).dtype).toBe('float32');
  });
});
