import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { largest } from '../../src/gradcheck/measure.js';

// Smooth or almost-everywhere-smooth unary steps (kinks are hit with probability ~0 on random inputs).
const unary: Record<string, (x: Tensor) => Tensor> = {
  tanh: g.tanh,
  sigmoid: g.sigmoid,
  relu: g.relu,
  leakyRelu: (x) => g.leakyRelu(x, 0.1),
  square: g.square,
  abs: g.abs,
  softExp: (x) => g.exp(g.mul(x, 0.3)),
  logOnePlusSquare: (x) => g.log(g.add(g.square(x), 1)),
  sqrtOnePlusSquare: (x) => g.sqrt(g.add(g.square(x), 1)),
  logSoftmax: (x) => g.logSoftmax(x, -1),
  softmax: (x) => g.softmax(x, 0),
  clip: (x) => g.clip(x, -0.7, 0.7),
  neg: g.neg,
  transposeTwice: (x) => g.transpose(g.transpose(x)),
};
// Binary steps with a second random input of the same shape, or broadcast as a row.
const binary: Record<string, (x: Tensor, y: Tensor) => Tensor> = {
  add: g.add,
  sub: g.sub,
  mul: g.mul,
  divSafe: (x, y) => g.div(x, g.add(g.square(y), 1)),
  whereMask: (x, y) => g.where(g.greater(y, 0), x, g.mul(x, -2)),
  matmulSquare: (x, y) => g.matmul(x, g.matmul(y, y, { transposeA: true })),
  concatThenMax: (x, y) => g.max(g.concat([x, y], 0), 0, { keepDims: true }),
};

const step = fc.oneof(
  fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom(...Object.keys(unary)) }),
  fc.record({
    kind: fc.constant('binary' as const),
    op: fc.constantFrom(...Object.keys(binary)),
    rowBroadcast: fc.boolean(),
  }),
);

const program = fc.record({
  rows: fc.integer({ min: 1, max: 4 }),
  cols: fc.integer({ min: 1, max: 4 }),
  steps: fc.array(step, { minLength: 1, maxLength: 5 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  reduce: fc.constantFrom('sum', 'mean', 'max'),
});

type Program = typeof program extends fc.Arbitrary<infer T> ? T : never;

function compile(p: Program): { fn: (...xs: Tensor[]) => Tensor; inputs: Tensor[] } {
  const inputs = [g.randn([p.rows, p.cols], { seed: p.seed })];
  const plan = p.steps.map((s) => {
    if (s.kind === 'unary') return { s, input: -1 };
    const broadcastable = s.rowBroadcast && !['matmulSquare', 'concatThenMax'].includes(s.op);
    inputs.push(g.randn(broadcastable ? [p.cols] : [p.rows, p.cols], { seed: p.seed + inputs.length }));
    return { s, input: inputs.length - 1 };
  });
  const fn = (...xs: Tensor[]) => {
    let h = xs[0];
    for (const { s, input } of plan) {
      h = s.kind === 'unary' ? unary[s.op](h) : binary[s.op](h, xs[input]);
      if (s.kind === 'binary' && s.op === 'concatThenMax') h = g.broadcastTo(h, [p.rows, p.cols]);
    }
    return p.reduce === 'sum' ? g.sum(h) : p.reduce === 'mean' ? g.mean(h) : g.max(h);
  };
  return { fn, inputs };
}

describe('property: random compositions of the engine ops pass checkGrad', () => {
  it('for random op chains on random shapes', () => {
    fc.assert(
      fc.property(program, (p) => {
        const { fn, inputs } = compile(p);
        const report = g.checkGrad(fn, inputs);
        return report.verdict === 'pass' || report.verdict === 'warn';
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });
});

describe('property: perturbed backward rules fail checkGrad', () => {
  // A custom op whose forward is a correct composition and whose backward is the correct
  // vector-Jacobian product, perturbed in one of several ways.
  const perturbation = fc.oneof(
    fc.record({ kind: fc.constant('scale' as const), factor: fc.double({ min: 1.01, max: 3, noNaN: true }) }),
    fc.record({ kind: fc.constant('negate' as const) }),
    fc.record({ kind: fc.constant('offset' as const), amount: fc.double({ min: 0.05, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('dropEntry' as const) }),
  );

  it('for random ops and random perturbations of their gradient', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tanh', 'sigmoid', 'square', 'softExp', 'logSoftmax'),
        perturbation,
        fc.integer({ min: 0, max: 1e6 }),
        (opName, how, seed) => {
          const op = unary[opName];
          const wrong = g.customOp({
            name: `wrong_${opName}`,
            forward: (ctx, x) => {
              ctx.save(x);
              return op(x);
            },
            backward: (ctx, dy) => {
              const [x] = ctx.saved;
              const [correct] = g.grad((v: Tensor) => g.sum(g.mul(op(v), dy)))(x);
              const d = correct.clone();
              if (how.kind === 'scale') for (let i = 0; i < d.size; i++) d.data[i] *= how.factor;
              if (how.kind === 'negate') for (let i = 0; i < d.size; i++) d.data[i] = -d.data[i];
              if (how.kind === 'offset') d.data[0] += how.amount * (1 + Math.abs(d.data[0]));
              if (how.kind === 'dropEntry') {
                let k = 0;
                for (let i = 1; i < d.size; i++) if (Math.abs(d.data[i]) > Math.abs(d.data[k])) k = i;
                d.data[k] = 0;
              }
              return [d];
            },
          });
          const x = g.randn([3, 4], { seed });
          return g.checkGrad(wrong, [x]).verdict === 'fail';
        },
      ),
      { numRuns: 100, seed: 1128 },
    );
  });
});

it('the correct custom op from the same recipe passes (control)', () => {
  const exact = g.customOp({
    name: 'exactTanh',
    forward: (ctx, x) => {
      ctx.save(x);
      return g.tanh(x);
    },
    backward: (ctx, dy) => g.grad((v: Tensor) => g.sum(g.mul(g.tanh(v), dy)))(ctx.saved[0]),
  });
  expect(g.checkGrad(exact, [g.randn([3, 4], { seed: 1 })]).verdict).toBe('pass');
});

it('largest(v, k) picks what sorting every index by |v| (ties by index, NaN last) picks, for a fractional k too', () => {
  const value = fc.oneof(fc.double({ noNaN: true, min: -4, max: 4 }), fc.constantFrom(0, -0, 1, -1, Number.NaN));
  fc.assert(
    fc.property(
      fc.array(value, { maxLength: 60 }),
      fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 20, noNaN: true })),
      fc.boolean(),
      (v, k, subset) => {
        const among = subset
          ? v
              .map((_, i) => i)
              .filter((i) => i % 3 !== 1)
              .reverse()
          : undefined;
        const size = (i: number) => (Number.isNaN(v[i]) ? -1 : Math.abs(v[i]));
        const pool = among ? [...among] : v.map((_, i) => i);
        const sorted = pool.sort((a, b) => size(b) - size(a) || a - b).slice(0, k);
        expect(largest(v, k, among)).toEqual(sorted);
      },
    ),
  );
});
