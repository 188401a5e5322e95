import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import { numericOnWorkers } from '../../src/node/gradcheckWorkers.js';
import { createMatmulHelper } from '../../src/node/matmulThreads.js';
import { idleThreadCount } from '../../src/node/threadPool.js';
import { matmul } from '../../src/kernels/index.js';
import { claimedChunk } from '../../src/gradcheck/differenceQueue.js';

const data = g.circles({ n: 48, noise: 0.1, seed: 1 });
const network = (dtype: g.DType = 'float64', dropout = 0.2) =>
  new g.Sequential(
    [
      new g.Dense(6, { activation: 'relu' }),
      new g.Dropout(dropout),
      new g.Dense(4, { activation: 'tanh' }),
      new g.Dense(1, { activation: 'sigmoid' }),
    ],
    { inputSize: 2, seed: 3, dtype },
  );
const base = { loss: 'binaryCrossEntropy', l2: 0.7, dropout: 'frozen' } as const;

describe('θ vectors', () => {
  it('flatten parameters in the documented order and write them back', () => {
    const model = network();
    const theta = g.parametersToVector(model);
    expect(theta.length).toBe(model.parameterCount());
    expect(g.thetaLayout(model).map((e) => [e.name, e.offset, e.size])).toEqual([
      ['0.weight', 0, 12],
      ['0.bias', 12, 6],
      ['2.weight', 18, 24],
      ['2.bias', 42, 4],
      ['3.weight', 46, 4],
      ['3.bias', 50, 1],
    ]);
    const other = network();
    g.vectorToParameters(
      other,
      theta.map((v) => v * 2),
    );
    expect(Array.from(other.getParameter('2.weight').data)).toEqual(
      Array.from(model.getParameter('2.weight').data).map((v) => v * 2),
    );
    expect(() => g.vectorToParameters(other, [1, 2])).toThrow(/θ has 2 entries, the model has 51 parameters/);
  });
});

describe('gradcheck', () => {
  it("passes the course's 1-D case J = θ·x with x = 2, θ = 4 (with the course's ε = 1e-7 too)", () => {
    expect(g.checkGrad((theta) => g.mul(theta, 2), [g.tensor([4])], { epsilon: 1e-7 }).difference).toBeLessThan(1e-7);
    const report = g.checkGrad((theta) => g.mul(theta, 2), [g.tensor([4])]);
    expect(report.difference).toBeLessThan(1e-7);
    expect(report.parameters[0].worst[0]).toMatchObject({ analytic: 2 });
  });

  it('passes a correct network below 1e-7 at initialization and after 100 steps, with L2 on and dropout frozen', () => {
    const model = network();
    const before = g.gradcheck(model, data.x, data.y, base);
    expect(before.verdict).toBe('pass');
    expect(before.difference).toBeLessThan(1e-7);
    expect(before.notes.join(' ')).toMatch(/frozen mask/);
    g.fit(model, data.x, data.y, {
      loss: 'binaryCrossEntropy',
      l2: 0.7,
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 16,
      epochs: 34,
      quiet: true,
    });
    const after = g.gradcheck(model, data.x, data.y, base);
    expect(after.verdict).toBe('pass');
    expect(after.difference).toBeLessThan(1e-7);
  });

  it('checks the objective with the L2 term: leaving it out of the analytic side fails', () => {
    const report = g.gradcheck(network(), data.x, data.y, {
      ...base,
      injectBug: { parameter: '2.weight', kind: 'drop-l2' },
    });
    expect(report.verdict).toBe('fail');
  });

  const parameters = ['0.weight', '0.bias', '2.weight', '2.bias', '3.weight', '3.bias'];
  const applicable = (p: string, kind: g.BugKind) =>
    !(kind === 'drop-l2' && p.endsWith('bias')) && !(kind === 'swap' && p === '3.bias');

  it('reports every planted bug on every layer as fail, naming the right tensor and entry (full mode)', () => {
    const model = network();
    for (const kind of g.BUG_KINDS) {
      for (const parameter of parameters.filter((p) => applicable(p, kind))) {
        const report = g.gradcheck(model, data.x, data.y, { ...base, injectBug: { parameter, kind } });
        const label = `${kind} on ${parameter}`;
        expect(report.verdict, label).toBe('fail');
        const failing = report.parameters.filter((p) => p.verdict === 'fail').map((p) => p.name);
        expect(failing, label).toEqual([parameter]);
        const worst = report.parameters.find((p) => p.name === parameter)!.worst[0];
        if (kind === 'sign') expect(report.bug!.effect, label).toBe(`sign of entry ${worst.index} flipped`);
        if (kind === 'swap') {
          const [, unit, a, b] = report.bug!.effect.match(/(rows|entries) (\d+) and (\d+)/)!;
          expect([Number(a), Number(b)], label).toContain(unit === 'rows' ? worst.position![0] : worst.index);
        }
      }
    }
  });

  it('directional mode with one direction per tensor (2·tensors evaluations) catches scale, swap and drop-l2 everywhere; sampled catches sign', () => {
    const model = network();
    for (const kind of ['scale', 'swap', 'drop-l2'] as const) {
      for (const parameter of parameters.filter((p) => applicable(p, kind))) {
        const report = g.gradcheck(model, data.x, data.y, {
          ...base,
          mode: 'directional',
          directions: 1,
          injectBug: { parameter, kind },
        });
        // 2 per direction to compare. To estimate the errors: J(θ); per direction J at ±2ε (truncation)
        // and at θ, ±ε again (kinks); per tensor 4 for the 'auto' pilot, and up to 8 more where a
        // gradient looks 0 (a second pilot confirms it).
        expect(report.evaluations - report.errorEvaluations).toBe(2 * parameters.length);
        expect(report.errorEvaluations).toBeLessThanOrEqual(1 + 17 * parameters.length);
        expect(report.verdict, `${kind} on ${parameter}`).toBe('fail');
        expect(report.parameters.find((p) => p.name === parameter)!.verdict).toBe('fail');
      }
    }
    for (const parameter of parameters) {
      const report = g.gradcheck(model, data.x, data.y, {
        ...base,
        mode: 'sampled',
        injectBug: { parameter, kind: 'sign' },
      });
      expect(report.verdict, `sign on ${parameter}`).toBe('fail');
    }
  });

  it('never skips a tensor in sampled mode and states what each mode costs and misses', () => {
    const report = g.gradcheck(network(), data.x, data.y, { ...base, mode: 'sampled', samples: 2 });
    expect(report.parameters.every((p) => p.checked >= 1)).toBe(true);
    expect(report.parameters.find((p) => p.name === '0.weight')!.checked).toBe(4);
    expect(report.evaluations - report.errorEvaluations).toBe(2 * report.parameters.reduce((n, p) => n + p.checked, 0));
    expect(report.limitations).toMatch(/unsampled/);
    expect(g.gradcheck(network(), data.x, data.y, { ...base, mode: 'directional' }).limitations).toMatch(/directions/);
  });

  it('the verdict is the worst of overall and per-tensor: a bug in a small tensor does not hide', () => {
    const model = new g.Sequential(
      [new g.Dense(40, { activation: 'tanh' }), new g.Dense(1, { activation: 'sigmoid' })],
      { inputSize: 2, seed: 1 },
    );
    const report = g.gradcheck(model, data.x, data.y, {
      loss: 'binaryCrossEntropy',
      injectBug: { parameter: '1.bias', kind: 'scale' },
    });
    expect(report.difference).toBeLessThan(1e-3);
    expect(report.verdict).toBe('fail');
  });

  it('checks a float32 model through a float64 copy, and says so, without touching the model', () => {
    const m32 = network('float32');
    const before = Array.from(m32.flatParameters());
    const report = g.gradcheck(m32, g.astype(data.x, 'float32'), g.astype(data.y, 'float32'), base);
    expect(report.verdict).toBe('pass');
    expect(report.checkedDtype).toBe('float64');
    expect(report.notes.join(' ')).toMatch(/float32 model was checked through a float64 copy/);
    expect(Array.from(m32.flatParameters())).toEqual(before);
  });

  it('counts agreement within the estimated error of the differences where the true gradient is 0', () => {
    // Σ softmax(x) over an axis is constant: the gradient is 0 and both sides are rounding noise.
    const report = g.checkGrad((x) => g.sum(g.softmax(x, 0)), [g.randn([2, 3], { seed: 197295 })]);
    expect(report.verdict).toBe('pass');
    expect(report.parameters[0].analyticNorm).toBeLessThan(1e-12);
    // …while a real error of the same relative size on a non-zero gradient still fails.
    const scaled = g.customOp({ name: 'x1.5', forward: (_c, x) => g.mul(x, 1), backward: (_c, dy) => g.mul(dy, 1.5) });
    expect(g.checkGrad((x) => g.sum(scaled(x)), [g.randn([2, 3], { seed: 1 })]).verdict).toBe('fail');
  });

  it('counts a zero gradient pair as agreement, and a report is plain JSON', () => {
    // Output weights of zero: the first layer's gradient is exactly 0, and so is every difference.
    const model = new g.Sequential(
      [new g.Dense(3, { activation: 'tanh' }), new g.Dense(1, { activation: 'sigmoid', init: 'zeros' })],
      { inputSize: 2, seed: 1 },
    );
    const report = g.gradcheck(model, data.x, data.y, { loss: 'binaryCrossEntropy', includeValues: true });
    const w0 = report.parameters.find((p) => p.name === '0.weight')!;
    expect(w0.difference).toBe(0);
    expect(w0.verdict).toBe('pass');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(w0.analyticValues).toHaveLength(6);
  });
});

describe('gradient checks during training', () => {
  it('checks at initialization and after 100 steps, recording the results in the history', () => {
    const model = network();
    const history = g.fit(model, data.x, data.y, {
      loss: 'binaryCrossEntropy',
      l2: 0.7,
      batchSize: 16,
      epochs: 40,
      optimizer: 'adam',
      learningRate: 0.01,
      quiet: true,
      callbacks: [g.gradcheckDuringTraining({ at: [0, 100], mode: 'full', dropout: 'frozen' })],
    });
    expect(history.gradchecks.map((c) => [c.step, c.verdict])).toEqual([
      [0, 'pass'],
      [100, 'pass'],
    ]);
    expect(history.stopReason).toBe('completed');
  });

  it('stops training with a clear message when the check fails', () => {
    const broken = g.customOp({
      name: 'brokenTanh',
      forward: (_c, x) => g.tanh(x),
      backward: (_c, dy) => g.mul(dy, 1.5),
    });
    class Broken extends g.Layer {
      readonly type = 'broken';
      build(n: number) {
        return n;
      }
      forward(x: g.Tensor) {
        return broken(x);
      }
      toConfig() {
        return { type: 'activation', activation: 'tanh' };
      }
    }
    const model = new g.Sequential(
      [new g.Dense(4, { activation: 'linear' }), new Broken(), new g.Dense(1, { activation: 'sigmoid' })],
      { inputSize: 2, seed: 1 },
    );
    const history = g.fit(model, data.x, data.y, {
      loss: 'binaryCrossEntropy',
      epochs: 5,
      quiet: true,
      callbacks: [g.gradcheckDuringTraining({ at: [0] })],
    });
    expect(history.stopReason).toBe('gradcheckFailed');
    expect(history.message).toMatch(/gradient check failed before step 1: difference .*, worst in 0\.(weight|bias)/);
    expect(history.steps).toHaveLength(0);
  });
});

describe('evaluation strategies', () => {
  it('incremental (rank-1), suffix and full re-evaluation give the same numeric gradients', () => {
    const model = new g.Sequential(
      [
        new g.Dense(7, { activation: 'tanh' }),
        new g.Dropout(0.3),
        new g.Dense(5, { activation: 'relu' }),
        new g.Dense(3, { activation: 'leakyRelu' }),
        new g.Dense(2),
      ],
      { inputSize: 4, seed: 5 },
    );
    const x = g.randn([9, 4], { seed: 6 });
    const y = g.tensor([0, 1, 1, 0, 1, 0, 0, 1, 1]);
    const run = (evaluation: 'incremental' | 'suffix' | 'full') =>
      g.gradcheck(model, x, y, {
        loss: 'softmaxCrossEntropy',
        l2: 0.3,
        dropout: 'frozen',
        includeValues: true,
        evaluation,
      });
    const [incremental, suffix, full] = [run('incremental'), run('suffix'), run('full')];
    for (const other of [suffix, full]) {
      incremental.parameters.forEach((p, i) => {
        expect(g.relativeDifference(p.numericValues!, other.parameters[i].numericValues!)).toBeLessThan(1e-7);
      });
    }
    expect(incremental.verdict).toBe('pass');
    expect(full.verdict).toBe('pass');
  });
});

describe('worker threads', () => {
  const model = new g.Sequential([new g.Dense(40, { activation: 'tanh' }), new g.Dropout(0.2), new g.Dense(10)], {
    inputSize: 20,
    seed: 2,
  });
  const x = g.randn([16, 20], { seed: 3 });
  const y = g.tensor(Array.from({ length: 16 }, (_, i) => i % 10));
  const options = { loss: 'softmaxCrossEntropy', l2: 0.1, dropout: 'frozen', includeValues: true } as const;

  it('a full check on 2 threads (this one and a worker) gives the same differences as on one', () => {
    const here = g.gradcheck(model, x, y, { ...options, workers: 1 });
    const threaded = g.gradcheck(model, x, y, { ...options, workers: 2 });
    expect(threaded.notes.join(' ')).toMatch(/ran on 2 threads \(this one and 1 worker\)/);
    expect(here.notes.join(' ')).not.toMatch(/threads/);
    threaded.parameters.forEach((p, i) => expect(p.numericValues).toEqual(here.parameters[i].numericValues));
    expect(threaded.verdict).toBe('pass');
    expect(threaded.evaluations).toBe(here.evaluations);
  });

  it('worker threads alone compute every difference bit-identically, frozen dropout masks included', () => {
    // The calling thread takes no chunk here, so every entry below came from a worker.
    const here = g.gradcheck(model, x, y, { ...options, epsilon: 1e-6, workers: 1 });
    const context = { training: true, generator: new g.Generator(0), masks: new Map() };
    g.noGrad(() => model.layerInputs(x, context));
    const objective = g.Objective.from(options);
    const steps = model.parameters().map(() => 1e-6);
    const numeric = numericOnWorkers(model, x, y, context, { objective, strategy: 'incremental', steps }, 2);
    numeric.values.forEach((values, i) => expect([...values]).toEqual(here.parameters[i].numericValues));
    expect(numeric.threads).toBe(2); // two worker threads, and not the calling one
  });

  it('one pool: the thread a check gives back becomes the product helper, and both compute', async () => {
    const threaded = g.gradcheck(model, x, y, { ...options, workers: 2 });
    expect(threaded.notes.join(' ')).toMatch(/ran on 2 threads/);
    const kept = idleThreadCount();
    expect(kept).toBeGreaterThanOrEqual(1);
    const helper = createMatmulHelper()!;
    expect(await helper.ready()).toBe(true);
    expect(idleThreadCount()).toBe(kept - 1); // taken from the pool, not started anew
    const n = 192;
    const a = Float64Array.from(g.randn([n * n], { seed: 4 }).data);
    const b = Float64Array.from(g.randn([n * n], { seed: 5 }).data);
    const two = new Float64Array(n * n);
    expect(helper.multiply(a, b, two, n, n, n, false, false)).toBe(true);
    expect([...two]).toEqual([...matmul(a, b, new Float64Array(n * n), n, n, n, false, false)]);
    // The helper is that thread for good: a later check starts a thread of its own, with the same result.
    const again = g.gradcheck(model, x, y, { ...options, workers: 2 });
    again.parameters.forEach((p, i) => expect(p.numericValues).toEqual(threaded.parameters[i].numericValues));
  });

  it("'auto' keeps a small check on the calling thread; claims visit every chunk once, across all of θ", () => {
    const small = g.gradcheck(model, x, y, { ...options, workers: 'auto' });
    expect(small.notes.join(' ')).not.toMatch(/threads/);
    for (const chunks of [1, 2, 3, 10, 64, 97, 400, 1000]) {
      const order = Array.from({ length: chunks }, (_, claim) => claimedChunk(claim, chunks));
      expect(new Set(order).size).toBe(chunks);
      expect(Math.min(...order)).toBe(0);
      expect(Math.max(...order)).toBe(chunks - 1);
      // The first quarter of the claims reaches into every quarter of θ.
      if (chunks >= 64) {
        const quarters = new Set(order.slice(0, chunks / 4).map((c) => Math.floor((4 * c) / chunks)));
        expect(quarters.size).toBe(4);
      }
    }
  });
});
