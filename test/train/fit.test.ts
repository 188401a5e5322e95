import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

const circles = g.circles({ n: 300, noise: 0.05, seed: 1 });
const network = (seed = 3) =>
  new g.Sequential(
    [
      new g.Dense(10, { activation: 'relu' }),
      new g.Dense(5, { activation: 'relu' }),
      new g.Dense(1, { activation: 'sigmoid' }),
    ],
    { inputSize: 2, seed },
  );
const adam = {
  loss: 'binaryCrossEntropy',
  optimizer: 'adam',
  learningRate: 0.01,
  epochs: 150,
  batchSize: 32,
  seed: 1,
  quiet: true,
} as const;

describe('fit', () => {
  it('trains a 2-10-5-1 ReLU network to ≥ 95% on noisy circles', () => {
    const model = network();
    const before = g.evaluate(model, circles.x, circles.y, { loss: 'binaryCrossEntropy' });
    const history = g.fit(model, circles.x, circles.y, adam);
    const last = history.epochs[history.epochs.length - 1];
    expect(before.accuracy).toBeLessThan(0.8);
    expect(last.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.loss).toBeLessThan(before.objective / 5);
    expect(history.steps).toHaveLength(150 * Math.ceil(300 / 32));
    expect(history.stopReason).toBe('completed');
  });

  it('gives bit-identical parameters for the same seed, different ones for another seed', () => {
    const a = network();
    const b = network();
    const c = network();
    g.fit(a, circles.x, circles.y, { ...adam, epochs: 5 });
    g.fit(b, circles.x, circles.y, { ...adam, epochs: 5 });
    g.fit(c, circles.x, circles.y, { ...adam, epochs: 5, seed: 2 });
    expect(Array.from(a.flatParameters())).toEqual(Array.from(b.flatParameters()));
    expect(Array.from(a.flatParameters())).not.toEqual(Array.from(c.flatParameters()));
  });

  it('stops on a NaN injected into the data mid-training, naming epoch and step, with the last epoch-end parameters', () => {
    const x = circles.x.clone();
    x.data[250 * 2] = NaN; // row 250: without shuffling, in the 8th batch of 32 of every epoch
    const clean = g.sliceRows(x, 0, 250);
    const model = network();
    const epochEnds: Float64Array[] = [model.flatParameters()];
    // Two clean epochs on the first 250 rows, then the poisoned data: the guard puts back epoch 2's parameters.
    g.fit(model, clean, g.sliceRows(circles.y, 0, 250), {
      ...adam,
      epochs: 2,
      shuffle: false,
      callbacks: [{ onEpochEnd: (context) => void epochEnds.push(context.model.flatParameters()) }],
    });
    const history = g.fit(model, x, circles.y, { ...adam, shuffle: false });
    expect(history.stopReason).toBe('diverged');
    expect(history.message).toMatch(/epoch 1, step 8: the cost is NaN \(the batch holds NaN in its inputs\)/);
    expect(history.message).toMatch(/the initial parameters were restored/);
    expect(history.steps).toHaveLength(7);
    expect(history.restoredEpoch).toBe(0);
    // Snapshots are taken at epoch ends (not every step): the second fit began from epoch 2's parameters.
    expect(Array.from(model.flatParameters())).toEqual(Array.from(epochEnds[2]));
  });

  it('restores the best epoch when a NaN comes after some epochs, and says which', () => {
    const x = circles.x.clone();
    const model = network();
    const poison: g.FitCallback = {
      onEpochEnd(_context, { epoch }) {
        if (epoch === 2) x.data[0] = NaN; // the 4th epoch meets it
      },
    };
    const history = g.fit(model, x, circles.y, { ...adam, epochs: 10, callbacks: [poison] });
    expect(history.stopReason).toBe('diverged');
    expect(history.restoredEpoch).toBeGreaterThanOrEqual(1);
    expect(history.restoredEpoch).toBeLessThanOrEqual(3);
    expect(history.message).toMatch(new RegExp(`parameters of epoch ${history.restoredEpoch} \\(mean batch cost`));
    expect(history.finiteCostSeen).toBe(true);
  });

  it('says exactly that no finite cost was ever computed, and keeps nothing', () => {
    const x = circles.x.clone();
    x.data.fill(Number.NaN);
    const history = g.fit(network(), x, circles.y, adam);
    expect(history.stopReason).toBe('diverged');
    expect(history.finiteCostSeen).toBe(false);
    expect(history.message).toMatch(/no finite cost was ever computed/);
    expect(history.message).not.toMatch(/restored/);
  });

  for (const [what, scale] of [
    ['a cost that grows to about 1e5', 1e2],
    ['a cost that grows to about 1e86', 1e43],
  ] as const) {
    it(`stops ${what} (a finite, growing cost is divergence, not "completed") and restores the best epoch`, () => {
      // Unscaled features blow up plain SGD: the cost grows without ever becoming NaN at first.
      const data = g.scaledRegression({ n: 100, seed: 1, scales: [scale, 1, 1] });
      const model = new g.Sequential([new g.Dense(1)], { inputSize: 3, seed: 1 });
      const history = g.fit(model, data.x, data.y, {
        loss: 'meanSquaredError',
        optimizer: 'sgd',
        learningRate: 0.01,
        epochs: 200,
        batchSize: 100,
        quiet: true,
      });
      expect(history.stopReason).toBe('diverged');
      expect(history.message).toMatch(/training diverged at epoch \d+/);
      expect(history.restoredEpoch).toBeDefined();
      const restored = g.evaluate(model, data.x, data.y, { loss: 'meanSquaredError' }).objective;
      expect(Number.isFinite(restored)).toBe(true);
      expect(restored).toBeLessThanOrEqual(Math.max(...history.steps.slice(0, 1)) * 1.0001);
    });
  }

  it('counts a cost that stays above the first epoch for `patience` epochs as divergence (settable)', () => {
    const model = network();
    let epochs = 0;
    // A callback that pushes the parameters away from the optimum at each epoch end: a slowly rising cost.
    const sabotage: g.FitCallback = {
      onEpochEnd(context) {
        epochs++;
        for (const p of context.model.parameters()) for (let i = 0; i < p.size; i++) p.data[i] *= 1.5;
      },
    };
    const history = g.fit(model, circles.x, circles.y, {
      ...adam,
      epochs: 50,
      divergence: { patience: 3, factor: 1e12 },
      callbacks: [sabotage],
    });
    expect(history.stopReason).toBe('diverged');
    expect(history.message).toMatch(/stayed above the first epoch's .* for 3 epochs/);
    expect(epochs).toBeLessThan(50);
  });

  it('stops when the parameters themselves diverge and restores finite ones', () => {
    // Unnormalized features (scales up to 1e3) with a learning rate that is stable only after scaling.
    const data = g.scaledRegression({ n: 100, seed: 1 });
    const model = new g.Sequential([new g.Dense(1)], { inputSize: 5, seed: 1 });
    const history = g.fit(model, data.x, data.y, {
      loss: 'meanSquaredError',
      optimizer: 'sgd',
      learningRate: 0.1,
      epochs: 500,
      batchSize: 100,
      quiet: true,
    });
    expect(history.stopReason).toBe('diverged');
    expect(history.message).toMatch(/parameters diverged/);
    expect(Array.from(model.flatParameters()).every(Number.isFinite)).toBe(true);
  });

  it('records validation metrics, applies a schedule and stops early with the best weights', () => {
    const split = 240;
    const x = g.sliceRows(circles.x, 0, split);
    const y = g.sliceRows(circles.y, 0, split);
    const validation = { x: g.sliceRows(circles.x, split, 300), y: g.sliceRows(circles.y, split, 300) };
    const model = network();
    const history = g.fit(model, x, y, {
      ...adam,
      epochs: 400,
      validation,
      schedule: g.inverseTimeDecay({ decayRate: 0.01 }),
      earlyStopping: { patience: 5, minDelta: 1e-3 },
    });
    expect(history.epochs[0].valLoss).toBeTypeOf('number');
    expect(history.epochs[10].learningRate).toBeCloseTo(0.01 / (1 + 0.01 * 10), 12);
    expect(history.stopReason).toBe('earlyStopping');
    expect(history.epochs.length).toBeLessThan(400);
    const best = history.epochs[history.bestEpoch! - 1];
    const now = g.evaluate(model, validation.x, validation.y, { loss: 'binaryCrossEntropy' });
    expect(now.objective).toBeCloseTo(best.valLoss!, 12);
  });

  it('reports running means of the mini-batches by default (no extra pass), and exact metrics when asked', () => {
    const model = network();
    const history = g.fit(model, circles.x, circles.y, { ...adam, epochs: 2, batchSize: 64 });
    // 300 rows in batches of 64: 4 of 64 and one of 44; the epoch's loss weighs each batch by its rows.
    const sizes = [64, 64, 64, 64, 44];
    const second = history.steps.slice(5, 10);
    const weighted = second.reduce((sum, cost, i) => sum + cost * sizes[i], 0) / 300;
    expect(history.epochs[1].exact).toBe(false);
    expect(history.epochs[1].loss).toBeCloseTo(weighted, 12);
    expect(history.epochs[1].batchLoss).toBeCloseTo(second.reduce((a, b) => a + b) / 5, 12);

    const exact = network();
    const h = g.fit(exact, circles.x, circles.y, { ...adam, epochs: 2, trainingMetrics: 'exact' });
    expect(h.epochs.map((e) => e.exact)).toEqual([true, true]);
    expect(h.epochs[1].loss).toBe(g.evaluate(exact, circles.x, circles.y, { loss: 'binaryCrossEntropy' }).objective);
  });

  it('warns once before the first step when the initial network is unhealthy, and not when quiet or healthy', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => void warnings.push(message);
    try {
      const zeros = new g.Sequential(
        [new g.Dense(8, { activation: 'relu', init: 'zeros' }), new g.Dense(1, { activation: 'sigmoid' })],
        { inputSize: 2, seed: 1 },
      );
      g.fit(zeros, circles.x, circles.y, { ...adam, epochs: 2, quiet: false, progress: false });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/at initialization looks unhealthy/);
      expect(warnings[0]).toMatch(/same weights and bias/);
      expect(warnings[0]).toMatch(/suggestion: initialize with heNormal/);
      warnings.length = 0;
      g.fit(network(), circles.x, circles.y, { ...adam, epochs: 2, quiet: false, progress: false });
      g.fit(zeros, circles.x, circles.y, { ...adam, epochs: 2, quiet: true });
      expect(warnings).toEqual([]);
    } finally {
      console.warn = original;
    }
  });

  it('refuses a fractional batch size and a NaN learning rate with typed errors', () => {
    expect(() => g.fit(network(), circles.x, circles.y, { ...adam, batchSize: 2.5 })).toThrow(g.ArgumentError);
    expect(() =>
      g.fit(network(), circles.x, circles.y, { ...adam, optimizer: 'sgd', learningRate: Number.NaN }),
    ).toThrow(/learning rate must be a finite number > 0, got NaN/);
    const iris = g.loadDataset('iris');
    expect(() => g.splitDataset(iris, { testSize: 1.5 })).toThrow(
      /testSize must be a fraction in \(0, 1\) or a whole number/,
    );
    expect(g.splitDataset(iris, { testSize: 30, seed: 1 }).test.x.shape[0]).toBe(30);
  });

  it('rejects data that does not fit the model', () => {
    expect(() => g.fit(network(), g.zeros([4, 3]), g.zeros([4]), adam)).toThrow(
      /training X must be \[m, 2\] for this model, got \[4, 3\]/,
    );
    expect(() => g.fit(network(), g.zeros([4, 2]), g.zeros([3]), adam)).toThrow(/X has 4 rows but y has 3/);
  });

  it('trains softmax and MSE models too', () => {
    const blobs = g.blobs({ n: 150, centers: 3, seed: 4 });
    const clf = new g.Sequential([new g.Dense(8, { activation: 'tanh' }), new g.Dense(3)], { inputSize: 2, seed: 1 });
    const h1 = g.fit(clf, blobs.x, blobs.y, {
      loss: 'softmaxCrossEntropy',
      optimizer: 'adam',
      learningRate: 0.05,
      epochs: 40,
      quiet: true,
    });
    expect(h1.epochs.at(-1)!.accuracy).toBeGreaterThan(0.9);
    const reg = g.scaledRegression({ n: 200, seed: 2, scales: [1, 1, 1] });
    const lin = new g.Sequential([new g.Dense(1)], { inputSize: 3, seed: 1 });
    const h2 = g.fit(lin, reg.x, reg.y, {
      loss: 'meanSquaredError',
      optimizer: 'sgd',
      learningRate: 0.1,
      epochs: 50,
      quiet: true,
    });
    expect(h2.epochs.at(-1)!.loss).toBeLessThan(0.05);
    expect(h2.epochs.at(-1)!.accuracy).toBeNull();
  });
});

describe('buffer reuse in the training loop', () => {
  it('allocates no new buffers after the first step, and gives the same parameters as without reuse', async () => {
    const { bufferPool } = await import('../../src/tensor/index.js');
    const model = network();
    const before = { ...bufferPool.stats };
    const createdAfter: number[] = [];
    g.fit(model, circles.x, circles.y, {
      ...adam,
      epochs: 3,
      callbacks: [{ onStepEnd: () => void createdAfter.push(bufferPool.stats.created - before.created) }],
    });
    const steps = createdAfter.length;
    expect(steps).toBe(3 * Math.ceil(300 / 32));
    // The last mini-batch of an epoch is smaller (300 = 9·32 + 12): its shapes are new once.
    expect(createdAfter[steps - 1]).toBe(createdAfter[10]);
    expect(bufferPool.stats.reused - before.reused).toBeGreaterThan(0);
    // Reuse changes nothing numerically: fit's pooled steps equal a plain loop of the same steps.
    const pooled = network();
    g.fit(pooled, circles.x, circles.y, {
      loss: 'binaryCrossEntropy',
      optimizer: 'sgd',
      learningRate: 0.1,
      epochs: 5,
      batchSize: 300,
      shuffle: false,
      quiet: true,
    });
    const plain = network();
    const sgd = new g.SGD({ learningRate: 0.1 });
    for (let k = 0; k < 5; k++) {
      const { objective } = g.computeObjective(
        plain,
        circles.x,
        circles.y,
        { loss: 'binaryCrossEntropy' },
        { training: true },
      );
      const found = g.gradients(objective, plain.parameters());
      sgd.step(
        plain.parameters(),
        plain.parameters().map((p) => found.get(p)!),
      );
    }
    expect(Array.from(pooled.flatParameters())).toEqual(Array.from(plain.flatParameters()));
  });
});
