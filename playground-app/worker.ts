/// <reference lib="webworker" />
// The playground's training engine: gradlab's own core (the same modules as on Node, WASM included),
// run in a Web Worker so that the page stays responsive.
import {
  gradients,
  noGrad,
  blobs,
  circles,
  moons,
  spirals,
  xor,
  StandardScaler,
  diagnose,
  layerStatistics,
  gradcheck,
  Dense,
  Dropout,
  Sequential,
  computeObjective,
  lsuv,
  gatherRows,
  createOptimizer,
  Generator,
  Tensor,
  withBufferScope,
  accuracyFromLogits,
  type Dataset,
  type InitializerSpec,
  type Optimizer,
} from 'gradlab/browser';
import type { FromWorker, Points, Settings, Snapshot, ToWorker } from './protocol.js';

const INITS: Record<Settings['init'], string | InitializerSpec> = {
  zeros: 'zeros',
  small: { name: 'randomNormal', config: { std: 0.01 } },
  large: { name: 'randomNormal', config: { std: 10 } },
  lecun: 'lecunNormal',
  xavier: 'glorotNormal',
  he: 'heNormal',
  orthogonal: 'orthogonal',
  lsuv: 'orthogonal',
};

interface Run {
  settings: Settings;
  model: Sequential;
  optimizer: Optimizer;
  train: { x: Tensor; y: Tensor };
  test: { x: Tensor; y: Tensor };
  grid: Tensor;
  bounds: [number, number, number, number];
  generator: Generator;
  step: number;
  initialCost: number;
  history: Array<[number, number, number]>;
}

let run: Run | null = null;
let playing = false;
const send = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

function dataset(settings: Settings, n: number, seed: number): Dataset {
  const options = { n, noise: settings.noise, seed };
  switch (settings.dataset) {
    case 'moons':
      return moons(options);
    case 'spirals':
      return spirals(options);
    case 'xor':
      return xor(options);
    case 'blobs':
      return blobs({ ...options, centers: 2, std: 1.5 + 10 * settings.noise, spread: 4 });
    default:
      return circles({ ...options, factor: 0.5 });
  }
}

function tensorOf(rows: number[][]): Tensor {
  return new Tensor(Float64Array.from(rows.flat()), [rows.length, rows[0]?.length ?? 2]);
}

function rowsOf(t: Tensor): number[][] {
  return Array.from({ length: t.shape[0] }, (_, i) => [t.data[2 * i], t.data[2 * i + 1]]);
}

function initRun(settings: Settings, upload?: { x: number[][]; y: number[] }): Points {
  let train: Dataset;
  let test: Dataset;
  if (settings.dataset === 'upload' && upload) {
    const order = new Generator(settings.seed).permutation(upload.x.length);
    const cut = Math.round(order.length * 0.8);
    const pick = (from: number, to: number) => Array.from(order.subarray(from, to));
    const make = (idx: number[]): Dataset => ({
      name: 'upload',
      x: tensorOf(idx.map((i) => upload.x[i])),
      y: new Tensor(Float64Array.from(idx.map((i) => upload.y[i])), [idx.length]),
      featureNames: ['x1', 'x2'],
      classes: [0, 1],
    });
    train = make(pick(0, cut));
    test = make(pick(cut, order.length));
  } else {
    train = dataset(settings, 500, settings.seed);
    test = dataset(settings, 200, settings.seed + 1000);
  }
  // Normalization: statistics of the training set, applied unchanged to the test set.
  const scaler = new StandardScaler({ onConstantFeatures: () => {} }).fit(train.x);
  const xTrain = settings.normalize ? scaler.transform(train.x) : train.x;
  const xTest = settings.normalize ? scaler.transform(test.x) : test.x;
  const layers = [];
  for (let i = 0; i < settings.depth; i++) {
    layers.push(new Dense(settings.width, { activation: settings.activation, init: INITS[settings.init] }));
    if (settings.dropout > 0) layers.push(new Dropout(settings.dropout));
  }
  layers.push(new Dense(1, { activation: 'sigmoid', init: INITS[settings.init] }));
  const model = new Sequential(layers, { inputSize: 2, seed: settings.seed });
  if (settings.init === 'lsuv') lsuv(model, xTrain, { seed: settings.seed });
  const all = [...rowsOf(xTrain), ...rowsOf(xTest)];
  const lo0 = Math.min(...all.map((p) => p[0]));
  const hi0 = Math.max(...all.map((p) => p[0]));
  const lo1 = Math.min(...all.map((p) => p[1]));
  const hi1 = Math.max(...all.map((p) => p[1]));
  const pad = (lo: number, hi: number): [number, number] => [lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo)];
  const [a0, b0] = pad(lo0, hi0);
  const [a1, b1] = pad(lo1, hi1);
  const size = 40;
  const grid = new Tensor(new Float64Array(size * size * 2), [size * size, 2]);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      grid.data[(r * size + c) * 2] = a0 + ((b0 - a0) * (c + 0.5)) / size;
      grid.data[(r * size + c) * 2 + 1] = b1 - ((b1 - a1) * (r + 0.5)) / size;
    }
  }
  run = {
    settings,
    model,
    optimizer: createOptimizer(settings.optimizer, { learningRate: settings.learningRate }),
    train: { x: xTrain, y: train.y },
    test: { x: xTest, y: test.y },
    grid,
    bounds: [a0, b0, a1, b1],
    generator: new Generator(settings.seed + 7),
    step: 0,
    initialCost: NaN,
    history: [],
  };
  run.initialCost = evaluate(run.train).cost;
  return {
    raw: { train: rowsOf(train.x), test: rowsOf(test.x) },
    model: { train: rowsOf(xTrain), test: rowsOf(xTest) },
    trainLabels: Array.from(train.y.data),
    testLabels: Array.from(test.y.data),
    parameters: model.namedParameters().map(([name]) => name),
  };
}

function evaluate(set: { x: Tensor; y: Tensor }): { cost: number; accuracy: number } {
  const r = run!;
  return noGrad(() => {
    const { objective, logits } = computeObjective(r.model, set.x, set.y, {
      loss: 'binaryCrossEntropy',
      l2: r.settings.l2,
    });
    return { cost: objective.item(), accuracy: accuracyFromLogits('binaryCrossEntropy', logits, set.y) ?? 0 };
  });
}

function trainSteps(count: number): void {
  const r = run!;
  const m = r.train.x.shape[0];
  const params = r.model.parameters();
  for (let k = 0; k < count; k++) {
    withBufferScope(() => {
      let x = r.train.x;
      let y = r.train.y;
      const size = r.settings.batchSize;
      if (size > 0 && size < m) {
        const rows = r.generator.permutation(m).subarray(0, size);
        x = gatherRows(x, rows);
        y = gatherRows(y, rows);
      }
      const { objective } = computeObjective(
        r.model,
        x,
        y,
        { loss: 'binaryCrossEntropy', l2: r.settings.l2 },
        { training: true, generator: r.generator },
      );
      const found = gradients(objective, params);
      r.optimizer.step(
        params,
        params.map((p) => found.get(p)!),
      );
    });
    r.step++;
  }
}

let rate = 0;

function snapshot(): Snapshot {
  const r = run!;
  const train = evaluate(r.train);
  const test = evaluate(r.test);
  if (!r.history.length || r.history[r.history.length - 1][0] !== r.step)
    r.history.push([r.step, train.cost, test.cost]);
  if (r.history.length > 400) r.history = r.history.filter((_, i) => i % 2 === 0 || i === r.history.length - 1);
  const probability = Array.from(noGrad(() => r.model.predict(r.grid)).data);
  const stats = layerStatistics(r.model, r.train.x, { y: r.train.y, loss: 'binaryCrossEntropy', l2: r.settings.l2 });
  const inputs = noGrad(() => r.model.layerInputs(r.train.x));
  const layers = stats.slice(0, -1).map((s) => {
    const out = inputs[s.layer + 1] ?? inputs[s.layer];
    const values = Array.from(out.data);
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
    const bins = new Array<number>(20).fill(0);
    for (const v of values) bins[Math.min(19, Math.floor(((v - lo) / (hi - lo)) * 20))]++;
    return {
      name: `layer ${s.layer}`,
      activation: s.activation,
      bins,
      range: [lo, hi] as [number, number],
      activationStd: s.activationStd,
      gradientNorm: s.gradientNorm ?? 0,
    };
  });
  const d = diagnose(stats);
  const w = r.model.getParameter('0.weight');
  const b = r.model.getParameter('0.bias');
  const inSize = w.shape[1];
  let symmetric = true;
  for (let u = 1; u < w.shape[0] && symmetric; u++) {
    if (b.data[u] !== b.data[0]) symmetric = false;
    for (let j = 0; j < inSize && symmetric; j++) if (w.data[u * inSize + j] !== w.data[j]) symmetric = false;
  }
  return {
    step: r.step,
    trainCost: train.cost,
    testCost: test.cost,
    trainAccuracy: train.accuracy,
    testAccuracy: test.accuracy,
    initialCost: r.initialCost,
    history: r.history,
    boundary: { size: 40, probability, bounds: r.bounds },
    layers,
    diagnosis: { healthy: d.healthy, messages: d.findings.map((f) => f.message), suggestion: d.suggestion },
    symmetric,
    stepsPerSecond: rate,
    playing,
  };
}

function loop(): void {
  if (!playing || !run) return;
  const started = performance.now();
  let steps = 0;
  while (performance.now() - started < 80) {
    trainSteps(5);
    steps += 5;
  }
  rate = steps / ((performance.now() - started) / 1000);
  send({ type: 'snapshot', snapshot: snapshot() });
  setTimeout(loop, 0);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  try {
    const message = event.data;
    if (message.type === 'init') {
      playing = false;
      const points = initRun(message.settings, message.upload);
      send({ type: 'ready', points, snapshot: snapshot() });
    } else if (!run) {
      return;
    } else if (message.type === 'step') {
      trainSteps(message.count);
      send({ type: 'snapshot', snapshot: snapshot() });
    } else if (message.type === 'play') {
      if (!playing) {
        playing = true;
        loop();
      }
    } else if (message.type === 'pause') {
      playing = false;
      send({ type: 'snapshot', snapshot: snapshot() });
    } else if (message.type === 'gradcheck') {
      const rows = Math.min(64, run.train.x.shape[0]);
      const pick = Int32Array.from({ length: rows }, (_, i) => i);
      const report = gradcheck(run.model, gatherRows(run.train.x, pick), gatherRows(run.train.y, pick), {
        loss: 'binaryCrossEntropy',
        l2: run.settings.l2,
        dropout: 'frozen',
        injectBug: message.bug,
      });
      send({
        type: 'gradcheck',
        verdict: report.verdict,
        difference: report.difference,
        bug: report.bug ? `${report.bug.parameter}: ${report.bug.kind} (${report.bug.effect})` : null,
        rows: report.parameters.map((p) => ({
          name: p.name,
          difference: p.difference,
          verdict: p.verdict,
          worst: p.worst[0]
            ? `[${p.worst[0].position?.join(', ')}] ${p.worst[0].analytic.toPrecision(4)} vs ${p.worst[0].numeric.toPrecision(4)}`
            : '',
        })),
      });
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
