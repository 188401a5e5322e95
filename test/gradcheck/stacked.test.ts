import { afterEach, describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import { entryByEntry } from '../../src/gradcheck/difference.js';
import { objectiveEvaluator } from '../../src/gradcheck/modelCheck.js';
import { rankOneRows, setKernelBackend } from '../../src/kernels/index.js';
import { softmaxCrossEntropyBlocks, softmaxCrossEntropyMean } from '../../src/ops/softmaxCrossEntropy.js';

/**
 * A full check evaluates a group of entries of one tensor as one stacked batch (IncrementalEvaluator.many).
 * Stacking is an implementation detail: every difference must have the bits that perturbing the entry
 * alone, in place, and evaluating it gives, or stacking would change what the check reports.
 */
type Context = Partial<g.ForwardContext>;

function bothWays(model: g.Sequential, x: g.Tensor, y: g.Tensor, loss: string, l2: number, context: Context = {}) {
  const objective = g.Objective.from({ loss, l2 });
  const { evaluate, differences } = objectiveEvaluator(
    model,
    x,
    y,
    { training: false, ...context },
    objective,
    'incremental',
  );
  const values = model.parameters().map((p) => p.data as Float64Array);
  const oneByOne = entryByEntry(values, evaluate);
  return values.map((v, t) => {
    const stacked = new Float64Array(v.length);
    const single = new Float64Array(v.length);
    differences(t, 0, v.length, 1e-5, stacked, 0);
    oneByOne(t, 0, v.length, 1e-5, single, 0);
    return { stacked: [...stacked], single: [...single] };
  });
}

const labels = (m: number, k: number) => g.tensor(Array.from({ length: m }, (_, i) => (i * 7) % k));

/** Subtracts each column's batch mean: a user's layer that mixes rows, so stacking batches would change it. */
class BatchCentering extends g.Layer {
  readonly type = 'batchCentering';
  build(n: number) {
    return n;
  }
  forward(x: g.Tensor) {
    return g.sub(x, g.mean(x, 0, { keepDims: true }));
  }
  toConfig() {
    return { type: this.type };
  }
}

/** A user's subclass of Dense that centers its output over the batch: it keeps the type 'dense' but mixes rows. */
class CenteredDense extends g.Dense {
  override forward(x: g.Tensor, ctx: g.ForwardContext) {
    const y = super.forward(x, ctx);
    return g.sub(y, g.mean(y, 0, { keepDims: true }));
  }
}

describe('stacked evaluation of a full check', () => {
  const cases: Array<[string, () => g.Sequential, string, number, number]> = [
    [
      'tanh → relu → softmax cross-entropy, L2',
      () =>
        new g.Sequential(
          [new g.Dense(9, { activation: 'tanh' }), new g.Dense(7, { activation: 'relu' }), new g.Dense(3)],
          {
            inputSize: 5,
            seed: 1,
          },
        ),
      'softmaxCrossEntropy',
      0.3,
      3,
    ],
    [
      'leaky ReLU, dropout (off), odd widths, mean squared error',
      () =>
        new g.Sequential(
          [
            new g.Dense(5, { activation: 'leakyRelu' }),
            new g.Dropout(0.5),
            new g.Dense(3, { activation: 'sigmoid' }),
            new g.Dense(3, { activation: 'linear' }),
          ],
          { inputSize: 4, seed: 2 },
        ),
      'meanSquaredError',
      0,
      3,
    ],
    [
      'one sigmoid unit, binary cross-entropy, L2',
      () =>
        new g.Sequential([new g.Dense(6, { activation: 'tanh' }), new g.Dense(1, { activation: 'sigmoid' })], {
          inputSize: 3,
          seed: 3,
        }),
      'binaryCrossEntropy',
      0.5,
      2,
    ],
    [
      "a user's layer that mixes rows after the rank-1 update (falls back to one entry at a time)",
      () =>
        new g.Sequential(
          [
            new g.Dense(6, { activation: 'tanh' }),
            new g.Dense(5, { activation: 'tanh' }),
            new BatchCentering(),
            new g.Dense(2),
          ],
          { inputSize: 4, seed: 4 },
        ),
      'softmaxCrossEntropy',
      0.1,
      2,
    ],
    [
      "a user's subclass of Dense (type 'dense') that mixes rows, two layers after the perturbed one",
      () =>
        new g.Sequential(
          [
            new g.Dense(6, { activation: 'tanh' }),
            new g.Dense(5, { activation: 'tanh' }),
            new CenteredDense(4, { activation: 'tanh' }),
            new g.Dense(3),
          ],
          { inputSize: 4, seed: 35 },
        ),
      'softmaxCrossEntropy',
      0.1,
      3,
    ],
  ];
  for (const [name, build, loss, l2, classes] of cases) {
    it(`gives each entry's own bits: ${name}`, () => {
      const model = build();
      const inputSize = model.inputSize;
      const x = g.randn([11, inputSize], { seed: 7 });
      const y = loss === 'meanSquaredError' ? g.randn([11, 3], { seed: 8 }) : labels(11, classes);
      for (const { stacked, single } of bothWays(model, x, y, loss, l2)) {
        expect(stacked).toEqual(single);
        expect(stacked.every(Number.isFinite)).toBe(true);
      }
    });
  }

  it('with frozen dropout masks (evaluated entry by entry), and where the step vanishes (NaN, as alone)', () => {
    const model = new g.Sequential([new g.Dense(6, { activation: 'relu' }), new g.Dropout(0.4), new g.Dense(3)], {
      inputSize: 3,
      seed: 5,
    });
    model.parameters()[0].data[4] = 1e30; // 1e30 ± 1e-5 rounds back to 1e30
    const x = g.randn([8, 3], { seed: 9 });
    const context = { training: true, generator: new g.Generator(1), masks: new Map() };
    g.noGrad(() => model.layerInputs(x, context));
    const y = labels(8, 3);
    for (const ctx of [context, {}]) {
      const [first, ...rest] = bothWays(model, x, y, 'softmaxCrossEntropy', 0.2, ctx);
      expect(first.stacked).toEqual(first.single);
      expect(first.stacked[4]).toBeNaN();
      expect(first.stacked.filter(Number.isNaN)).toHaveLength(1);
      for (const { stacked, single } of rest) expect(stacked).toEqual(single);
    }
  });

  it('the check with dropout off on 2 threads gives the differences of 1 thread', () => {
    const model = new g.Sequential([new g.Dense(40, { activation: 'tanh' }), new g.Dense(10)], {
      inputSize: 20,
      seed: 2,
    });
    const x = g.randn([16, 20], { seed: 3 });
    const options = { loss: 'softmaxCrossEntropy', l2: 0.1, includeValues: true } as const;
    const here = g.gradcheck(model, x, labels(16, 10), { ...options, workers: 1 });
    const threaded = g.gradcheck(model, x, labels(16, 10), { ...options, workers: 2 });
    expect(threaded.notes.join(' ')).toMatch(/ran on 2 threads/);
    threaded.parameters.forEach((p, i) => expect(p.numericValues).toEqual(here.parameters[i].numericValues));
    expect(here.verdict).toBe('pass');
  });
});

describe("a user's subclass of a built-in layer", () => {
  const model = () =>
    new g.Sequential(
      [
        new g.Dense(6, { activation: 'tanh' }),
        new g.Dense(5, { activation: 'tanh' }),
        new CenteredDense(4),
        new g.Dense(3),
      ],
      { inputSize: 4, seed: 35 },
    );
  const x = g.randn([8, 4], { seed: 36 });
  const options = { loss: 'softmaxCrossEntropy', l2: 0.1, includeValues: true } as const;

  it('is re-evaluated by its own forward: incremental, suffix and full agree and pass', () => {
    // Before, its inherited affine form had the checker re-evaluate it as a plain Dense: layers 1 and 2 failed.
    const [incremental, suffix, full] = (['incremental', 'suffix', 'full'] as const).map((evaluation) =>
      g.gradcheck(model(), x, labels(8, 3), { ...options, evaluation }),
    );
    for (const other of [suffix, full])
      incremental.parameters.forEach((p, i) =>
        expect(g.relativeDifference(p.numericValues!, other.parameters[i].numericValues!)).toBeLessThan(1e-7),
      );
    expect(incremental.verdict).toBe('pass');
  });

  it('stays on the calling thread, where its class exists (a worker would rebuild a plain Dense)', () => {
    const here = g.gradcheck(model(), x, labels(8, 3), { ...options, workers: 1 });
    const asked = g.gradcheck(model(), x, labels(8, 3), { ...options, workers: 2 });
    expect(asked.notes.join(' ')).not.toMatch(/threads/);
    asked.parameters.forEach((p, i) => expect(p.numericValues).toEqual(here.parameters[i].numericValues));
    expect(g.isBuiltInLayer(new CenteredDense(4))).toBe(false);
    expect(g.isBuiltInLayer(new g.Dense(4))).toBe(true);
  });
});

describe('softmaxCrossEntropyBlocks', () => {
  it("gives each block the bits of softmaxCrossEntropyMean on that block alone, and names a mismatch's shapes", () => {
    const m = 5;
    const k = 4;
    const logits = g.mul(g.randn([3 * m, k], { seed: 11 }), 30); // large logits: log-probabilities far below 0
    const targets = g.astype(
      g.tensor(Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, c) => (c === i % k ? 1 : 0)))),
      'float64',
    );
    const losses = softmaxCrossEntropyBlocks(logits, targets, 3);
    for (let b = 0; b < 3; b++) {
      const block = new g.Tensor(logits.data.subarray(b * m * k, (b + 1) * m * k), [m, k]);
      expect(losses[b]).toBe(softmaxCrossEntropyMean(block, targets).item());
    }
    expect(() => softmaxCrossEntropyBlocks(logits, targets, 2)).toThrow(
      /softmaxCrossEntropyBlocks: logits \[15, 4\] must be 2 blocks of targets \[5, 4\]/,
    );
  });

  it('Objective.blockDataLosses agrees with dataLoss per block for every loss', () => {
    const model = new g.Sequential([new g.Dense(2, { activation: 'sigmoid' })], { inputSize: 1, seed: 1 });
    const softmaxModel = new g.Sequential([new g.Dense(2)], { inputSize: 1, seed: 1 });
    const logits = g.randn([12, 2], { seed: 12 });
    for (const [loss, net, y] of [
      ['meanSquaredError', model, g.randn([4, 2], { seed: 13 })],
      ['softmaxCrossEntropy', softmaxModel, g.tensor([1, 0, 1, 1])],
    ] as const) {
      const objective = g.Objective.from({ loss, l2: 0 });
      const output = g.sigmoid(logits);
      const losses = objective.blockDataLosses(net, output, logits, y, 3);
      for (let b = 0; b < 3; b++) {
        const block = (t: g.Tensor) => new g.Tensor(t.data.subarray(b * 8, (b + 1) * 8), [4, 2]);
        expect(losses[b]).toBe(objective.dataLoss(net, block(output), block(logits), y).item());
      }
      // 12 rows are not 5 blocks of 4: the error names the method, not a tensor of 2.4 rows.
      expect(() => objective.blockDataLosses(net, output, logits, y, 5)).toThrow(
        /blockDataLosses: logits \[12, 2\] must be 5 blocks of y's 4 rows/,
      );
    }
  });
});

describe('rankOneRows', () => {
  afterEach(() => setKernelBackend('auto'));

  for (const [blocks, m, n] of [
    [40, 32, 128], // three groups of blocks through the module's memory
    [3, 5, 7], // an odd width: a scalar last column
    [2, 300, 257], // a block larger than a group
  ]) {
    it(`computes z0 + d·wᵀ per block, the same bits in WebAssembly and JavaScript (${blocks}×${m}×${n})`, () => {
      const z0 = Float64Array.from(g.randn([m * n], { seed: 1 }).data);
      const d = Float64Array.from(g.randn([blocks * m], { seed: 2 }).data);
      const w = Float64Array.from(g.randn([blocks * n], { seed: 3 }).data);
      const wasm = new Float64Array(blocks * m * n);
      rankOneRows(z0, d, w, blocks, m, n, wasm);
      setKernelBackend('js');
      const js = new Float64Array(blocks * m * n);
      rankOneRows(z0, d, w, blocks, m, n, js);
      expect([...wasm]).toEqual([...js]);
      for (const [p, i, o] of [
        [0, 0, 0],
        [blocks - 1, m - 1, n - 1],
        [blocks >> 1, m >> 1, n >> 1],
      ])
        expect(js[(p * m + i) * n + o]).toBe(z0[i * n + o] + d[p * m + i] * w[p * n + o]);
    });
  }
});
