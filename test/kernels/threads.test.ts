import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dense, fit as fitModel, Sequential, tensor } from '../../src/index.js';
import {
  type MatmulHelper,
  matmul,
  matmulJs,
  registerMatmulHelper,
  setMatmulThreads,
} from '../../src/kernels/index.js';
import { PARALLEL_MATMUL_THRESHOLD } from '../../src/kernels/threads.js';
import type { FloatArray } from '../../src/kernels/types.js';
import { createMatmulHelper } from '../../src/node/matmulThreads.js';
import { Generator } from '../../src/random/index.js';

// Two threads split a product by output rows, never by the reduction: every entry is still one
// thread's sum over k in the same order, so results must match one thread bit for bit.

let helped = 0;
let helperPieces = () => 0;

beforeAll(async () => {
  const helper = createMatmulHelper();
  if (!helper) throw new Error('build first: dist/node/helperThread.js is missing');
  helperPieces = () => helper.helperPieces();
  const counting: MatmulHelper = {
    multiply: (...args) => {
      const shared = helper.multiply(...args);
      if (shared) helped++;
      return shared;
    },
  };
  registerMatmulHelper(counting);
  expect(await helper.ready()).toBe(true);
});

afterAll(() => {
  registerMatmulHelper(null);
});

function random(dtype: 'float32' | 'float64', length: number, seed: number): FloatArray {
  const g = new Generator(seed);
  const out = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = g.normal();
  return out;
}

function product(
  threads: 1 | 2,
  a: FloatArray,
  b: FloatArray,
  [m, k, n]: number[],
  transposeA: boolean,
  transposeB: boolean,
): FloatArray {
  setMatmulThreads(threads);
  const out = a instanceof Float64Array ? new Float64Array(m * n) : new Float32Array(m * n);
  return matmul(a, b, out, m, k, n, transposeA, transposeB);
}

describe('matrix products on two threads', () => {
  // Odd sizes (rows not a multiple of the 4-row panel, columns not of the 8-column one), every form.
  const shapes = [
    [203, 301, 157],
    [128, 784, 256],
    [9, 1031, 905],
  ];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [transposeA, transposeB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ]) {
      it(`${dtype}, A${transposeA ? 'ᵀ' : ''}·B${transposeB ? 'ᵀ' : ''}: identical bits to one thread`, () => {
        for (const [i, shape] of shapes.entries()) {
          const [m, k, n] = shape;
          expect(m * k * n).toBeGreaterThanOrEqual(PARALLEL_MATMUL_THRESHOLD);
          const a = random(dtype, m * k, 10 + i);
          const b = random(dtype, k * n, 20 + i);
          const before = helped;
          const two = product(2, a, b, shape, transposeA, transposeB);
          expect(helped).toBe(before + 1);
          const one = product(1, a, b, shape, transposeA, transposeB);
          expect(helped).toBe(before + 1);
          expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
          // And both are the product (against the reference kernel, to rounding).
          const reference = matmulJs(a, b, new Float64Array(m * n), m, k, n, transposeA, transposeB);
          const tolerance = dtype === 'float32' ? 1e-3 : 1e-9;
          for (let j = 0; j < m * n; j += 97) expect(Math.abs(two[j] - reference[j])).toBeLessThan(tolerance);
        }
      });
    }
  }

  it('the helper thread computes part of the products (not only the calling thread)', () => {
    // The caller claims pieces too, so a helper that never woke would still give right answers; over a
    // few dozen products of 48 pieces each, the helper takes some.
    const a = random('float32', 256 * 512, 1);
    const b = random('float32', 512 * 256, 2);
    const before = helperPieces();
    for (let i = 0; i < 40; i++) product(2, a, b, [256, 512, 256], false, false);
    expect(helperPieces()).toBeGreaterThan(before);
  });

  it('fit trains to the same parameters, bit for bit, on one thread and on two', () => {
    // 128·256·256 multiply-adds per product: above the threshold, so the layers' products are split.
    const dtype = 'float32';
    const rows = 256;
    const x = tensor(random(dtype, rows * 256, 3), { shape: [rows, 256], dtype });
    const y = tensor(
      Float64Array.from({ length: rows }, (_, i) => i % 10),
      { dtype },
    );
    const train = (threads: 1 | 2) => {
      setMatmulThreads(threads);
      const model = new Sequential([new Dense(256, { activation: 'relu' }), new Dense(10, { activation: 'softmax' })], {
        inputSize: 256,
        dtype,
        seed: 4,
      });
      const history = fitModel(model, x, y, {
        loss: 'softmaxCrossEntropy',
        batchSize: 128,
        epochs: 3,
        quiet: true,
        seed: 5,
      });
      return { history, parameters: model.parameters().map((p) => Array.from(p.data)) };
    };
    const before = helped;
    const two = train(2);
    expect(helped).toBeGreaterThan(before);
    const one = train(1);
    expect(two.parameters).toEqual(one.parameters);
    expect(two.history.steps).toEqual(one.history.steps);
  });
});
