import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { expectClose } from '../helpers.js';

const X = g.randn([6, 3], { seed: 1 });
const W = g.randn([4, 3], { seed: 2 });
const b = g.randn([4], { seed: 3 });
const objective = (X: Tensor, W: Tensor, b: Tensor) =>
  g.sum(g.square(g.tanh(g.add(g.matmul(X, W, { transposeB: true }), b))));

/** Plain central difference, independent of the library's checker, for the acceptance criterion. */
function centralDifference(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], which: number, eps = 1e-6): number[] {
  const x = inputs[which];
  return Array.from(x.data, (_, i) => {
    const plus = x.clone();
    const minus = x.clone();
    plus.data[i] += eps;
    minus.data[i] -= eps;
    const at = (t: Tensor) => f(...inputs.map((v, k) => (k === which ? t : v))).item();
    return (at(plus) - at(minus)) / (2 * eps);
  });
}

describe('valueAndGrad and grad', () => {
  it('valueAndGrad of sum(tanh(X·Wᵀ + b)²) matches a central difference to relative 1e-8', () => {
    const { value, grads } = g.valueAndGrad(objective)(X, W, b);
    expect(value.item()).toBeCloseTo(objective(X, W, b).item(), 14);
    for (let k = 0; k < 3; k++) {
      const numeric = centralDifference(objective, [X, W, b], k);
      const rel = g.relativeDifference(Array.from(grads[k].data), numeric);
      expect(rel).toBeLessThan(1e-8);
    }
  });

  it('does not touch the caller tensors and gives zeros for unused inputs', () => {
    const [dW, dUnused] = g.grad((w: Tensor, _u: Tensor) => g.sum(w))(W, b);
    expect(dW.toArray()).toEqual(g.ones([4, 3]).toArray());
    expect(dUnused.toArray()).toEqual([0, 0, 0, 0]);
    expect(W.requiresGrad).toBe(false);
    expect(W.grad).toBeNull();
  });

  it('adds the gradients of a tensor used twice', () => {
    const [dx] = g.grad((x: Tensor) => g.sum(g.mul(x, x)))(g.tensor([3, -1]));
    expect(dx.toArray()).toEqual([6, -2]);
  });

  it('refuses a non-scalar result', () => {
    expect(() => g.valueAndGrad((x: Tensor) => g.mul(x, 2))(g.tensor([1, 2]))).toThrow(
      /must return a scalar, got shape \[2\]/,
    );
  });
});

describe('backward()', () => {
  it('accumulates into .grad of leaves across calls, like PyTorch', () => {
    const x = g.tensor([1, 2, 3], { requiresGrad: true });
    g.backward(g.sum(g.mul(x, 2)));
    expect(x.grad!.toArray()).toEqual([2, 2, 2]);
    g.backward(g.sum(g.mul(x, x)));
    expect(x.grad!.toArray()).toEqual([4, 6, 8]);
  });

  it('accepts an explicit output gradient and refuses a non-scalar without one', () => {
    const x = g.tensor([1, 2], { requiresGrad: true });
    const y = g.mul(x, 3);
    expect(() => g.backward(y)).toThrow(/not a scalar/);
    g.backward(y, g.tensor([1, 10]));
    expect(x.grad!.toArray()).toEqual([3, 30]);
  });

  it('differentiates a 1,000-deep chain of tanh without a stack overflow', () => {
    const x = g.tensor([0.5], { requiresGrad: true });
    let y: Tensor = x;
    const values = [0.5];
    for (let i = 0; i < 1000; i++) {
      y = g.tanh(y);
      values.push(Math.tanh(values[values.length - 1]));
    }
    g.backward(g.sum(y));
    // d/dx of the chain is the product of (1 − tanh²) at every step.
    const expected = values.slice(1).reduce((p, t) => p * (1 - t * t), 1);
    expectClose(x.grad!, [expected], 1e-10);
  });

  it('differentiates a 100,000-deep chain too', () => {
    const x = g.tensor([1], { requiresGrad: true });
    let y: Tensor = x;
    for (let i = 0; i < 100_000; i++) y = g.add(y, 1);
    g.backward(y);
    expect(x.grad!.item()).toBe(1);
  });
});

describe('noGrad', () => {
  it('records nothing inside and restores recording afterwards', () => {
    const x = g.tensor([1], { requiresGrad: true });
    const inside = g.noGrad(() => g.mul(x, 2));
    expect(inside.requiresGrad).toBe(false);
    expect(inside.node).toBeNull();
    expect(g.mul(x, 2).requiresGrad).toBe(true);
    expect(() =>
      g.noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(g.mul(x, 2).requiresGrad).toBe(true);
  });
});

describe('customOp', () => {
  // y = x³ with a hand-written backward: dy/dx = 3x².
  const cube = (scale: number) =>
    g.customOp({
      name: 'cube',
      forward(ctx, x) {
        ctx.save(x);
        return g.mul(g.mul(x, x), x);
      },
      backward(ctx, dy) {
        const [x] = ctx.saved;
        return [g.mul(dy, g.mul(g.mul(x, x), 3 * scale))];
      },
    });

  it('runs the user forward and backward inside the graph', () => {
    const [dx] = g.grad((x: Tensor) => g.sum(g.tanh(cube(1)(x))))(g.tensor([0.5, -0.2]));
    const expected = [0.5, -0.2].map((v) => (1 - Math.tanh(v ** 3) ** 2) * 3 * v * v);
    expectClose(dx, expected);
  });

  it('a correct backward passes checkGrad, one off by 1% fails it', () => {
    const x = g.randn([3, 4], { seed: 9 });
    expect(g.checkGrad(cube(1), [x]).verdict).toBe('pass');
    const wrong = g.checkGrad(cube(1.01), [x]);
    expect(wrong.verdict).toBe('fail');
    expect(wrong.difference).toBeGreaterThan(1e-3);
  });

  it('names the op when backward returns a wrong shape or count', () => {
    const bad = g.customOp({
      name: 'badShape',
      forward: (_ctx, x) => g.mul(x, 1),
      backward: () => [g.zeros([7])],
    });
    expect(() => g.grad((x: Tensor) => g.sum(bad(x)))(g.zeros([2]))).toThrow(
      /badShape: backward returned shape \[7\] for input 0 of shape \[2\]/,
    );
    const badCount = g.customOp({ name: 'badCount', forward: (_c, x) => x, backward: (_c, dy) => [dy, dy] });
    expect(() => g.grad((x: Tensor) => g.sum(badCount(x)))(g.zeros([2]))).toThrow(
      /badCount: backward returned 2 gradients for 1 inputs/,
    );
  });
});
