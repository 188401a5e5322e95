/// <reference lib="webworker" />
// The playground's training engine: gradlab's own core (the same modules as on Node, WASM included),
// run in a Web Worker so that the page stays responsive.
import {
  accuracyFromLogits,
  computeObjective,
  createOptimizer,
  Dense,
  Dropout,
  diagnose,
  inputStatistics,
  outputStatistics,
  Generator,
  gatherRows,
  gradcheck,
  gradients,
  type InitializerSpec,
  layerStatistics,
  lsuv,
  noGrad,
  type Optimizer,
  Sequential,
  StandardScaler,
  Tensor,
  withBufferScope,
} from 'gradlab/browser';
import { loadSplit, type Upload } from './data.js';
import {
  type ContourView,
  type FindingView,
  type FromWorker,
  type LayerView,
  MAX_DRAWN_UNITS,
  MILESTONES,
  type Points,
  type Settings,
  type Snapshot,
  type ToWorker,
} from './protocol.js';
import { startMatmulThreads } from './threads.js';

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

const GRID_SIZE = 40;
const CONTOUR_SIZE = 25;
// A contour costs CONTOUR_SIZE² forward passes over the training set (~60 ms for 2×8 ReLU in Chromium):
// redrawn at most this often while the run animates, and always when it stops.
const CONTOUR_INTERVAL_MS = 600;
const MAX_PATH = 1200;

interface Run {
  settings: Settings;
  model: Sequential;
  optimizer: Optimizer;
  train: { x: Tensor; y: Tensor };
  test: { x: Tensor; y: Tensor };
  grid: Tensor;
  bounds: [number, number, number, number];
  generator: Generator;
  /** Indices (in the layer list) of the dense layers; dropout layers sit between them. */
  dense: number[];
  step: number;
  initialCost: number;
  history: Array<[number, number, number]>;
  milestones: Array<[number, number | null]>;
  path: Array<[number, number]>;
  contour: ContourView | null;
  contourAt: number;
}

let run: Run | null = null;
let playing = false;
let rate = 0;
const send = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

startMatmulThreads().then(
  (view) => send({ type: 'threads', ...view }),
  (error: unknown) => send({ type: 'error', message: `matrix-product threads: ${String(error)}` }),
);

function rowsOf(t: Tensor): number[][] {
  return Array.from({ length: t.shape[0] }, (_, i) => [t.data[2 * i], t.data[2 * i + 1]]);
}

function firstWeights(r: Run): Tensor {
  return r.model.getParameter(`${r.dense[0]}.weight`);
}

function initRun(settings: Settings, upload?: Upload): Points {
  const { train, test, featureNames } = loadSplit(settings, upload);
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
  const names = new Set(model.namedParameters().map(([name]) => name));
  const dense = layers.map((_, i) => i).filter((i) => names.has(`${i}.weight`));
  const all = [...rowsOf(xTrain), ...rowsOf(xTest)];
  const span = (k: number): [number, number] => {
    const lo = Math.min(...all.map((p) => p[k]));
    const hi = Math.max(...all.map((p) => p[k]));
    const pad = 0.1 * (hi - lo || 1);
    return [lo - pad, hi + pad];
  };
  const [a0, b0] = span(0);
  const [a1, b1] = span(1);
  const grid = new Tensor(new Float64Array(GRID_SIZE * GRID_SIZE * 2), [GRID_SIZE * GRID_SIZE, 2]);
  for (let r = 0; r < GRID_SIZE; r++) {
    for (let c = 0; c < GRID_SIZE; c++) {
      grid.data[(r * GRID_SIZE + c) * 2] = a0 + ((b0 - a0) * (c + 0.5)) / GRID_SIZE;
      grid.data[(r * GRID_SIZE + c) * 2 + 1] = b1 - ((b1 - a1) * (r + 0.5)) / GRID_SIZE;
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
    dense,
    step: 0,
    initialCost: Number.NaN,
    history: [],
    milestones: MILESTONES.map((c) => [c, null]),
    path: [],
    contour: null,
    contourAt: 0,
  };
  run.initialCost = evaluate(run, run.train).cost;
  const w = firstWeights(run);
  run.path.push([w.data[0], w.data[1]]);
  return {
    raw: { train: rowsOf(train.x), test: rowsOf(test.x) },
    model: { train: rowsOf(xTrain), test: rowsOf(xTest) },
    trainLabels: Array.from(train.y.data),
    testLabels: Array.from(test.y.data),
    featureNames,
    parameters: model.namedParameters().map(([name]) => name),
  };
}

function evaluate(r: Run, set: { x: Tensor; y: Tensor }): { cost: number; accuracy: number } {
  return noGrad(() => {
    const { objective, logits } = computeObjective(r.model, set.x, set.y, {
      loss: 'binaryCrossEntropy',
      l2: r.settings.l2,
    });
    return { cost: objective.item(), accuracy: accuracyFromLogits('binaryCrossEntropy', logits, set.y) ?? 0 };
  });
}

function trainSteps(r: Run, count: number): void {
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
      // The cost this step trained on (the batch's, with dropout active): milestones need no extra pass.
      const cost = objective.item();
      for (const milestone of r.milestones) if (milestone[1] === null && cost < milestone[0]) milestone[1] = r.step;
      const found = gradients(objective, params);
      r.optimizer.step(
        params,
        params.map((p) => found.get(p)!),
      );
    });
    r.step++;
    const w = firstWeights(r);
    r.path.push([w.data[0], w.data[1]]);
    if (r.path.length > MAX_PATH) r.path = r.path.filter((_, i) => i % 2 === 0 || i === r.path.length - 1);
  }
}

/**
 * The training cost over the two input weights of the first hidden unit, every other weight held where it is:
 * unscaled features make this bowl a narrow ravine, which is why gradient descent zig-zags and crawls.
 * The span is the same on both axes, so the ravine's shape is seen as it is.
 */
function costSlice(r: Run): ContourView {
  const w = firstWeights(r);
  const c0 = w.data[0];
  const c1 = w.data[1];
  let reach = 1;
  for (const [p0, p1] of r.path) reach = Math.max(reach, Math.abs(p0 - c0), Math.abs(p1 - c1));
  const half = 1.25 * reach;
  const bounds: [number, number, number, number] = [c0 - half, c0 + half, c1 - half, c1 + half];
  const cost = new Float64Array(CONTOUR_SIZE * CONTOUR_SIZE);
  try {
    for (let row = 0; row < CONTOUR_SIZE; row++) {
      for (let col = 0; col < CONTOUR_SIZE; col++) {
        w.data[0] = bounds[0] + ((bounds[1] - bounds[0]) * col) / (CONTOUR_SIZE - 1);
        w.data[1] = bounds[3] - ((bounds[3] - bounds[2]) * row) / (CONTOUR_SIZE - 1);
        cost[row * CONTOUR_SIZE + col] = withBufferScope(() => evaluate(r, r.train).cost);
      }
    }
  } finally {
    w.data[0] = c0;
    w.data[1] = c1;
  }
  const unit = `dense 1 unit 1`;
  return { names: [`${unit}: weight on x₁`, `${unit}: weight on x₂`], size: CONTOUR_SIZE, cost, bounds, path: r.path };
}

const formatNumber = (v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(3)).toString() : String(v));

function findingViews(diagnosis: { findings: readonly unknown[] }): FindingView[] {
  return diagnosis.findings.map((f) => {
    const record = f as Record<string, unknown>;
    const evidence = record.evidence;
    const text =
      evidence && typeof evidence === 'object'
        ? Object.entries(evidence)
            .map(([k, v]) => `${k} ${Array.isArray(v) ? v.map(formatNumber).join(', ') : formatNumber(v)}`)
            .join(' · ')
        : evidence === undefined || evidence === null
          ? ''
          : String(evidence);
    return { message: String(record.message ?? record.kind ?? ''), evidence: text };
  });
}

function column(t: Tensor, unit: number): Float32Array {
  const [rows, cols] = t.shape;
  const out = new Float32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = t.data[i * cols + unit];
  return out;
}

function layerViews(r: Run, stats: ReturnType<typeof layerStatistics>, probability: Tensor): LayerView[] {
  const onTrain = noGrad(() => r.model.layerInputs(r.train.x));
  const onGrid = noGrad(() => r.model.layerInputs(r.grid));
  const trainOutput = noGrad(() => r.model.predict(r.train.x));
  return r.dense.map((index, k) => {
    const last = k === r.dense.length - 1;
    const s = stats.find((t) => t.layer === index)!;
    const out = last ? trainOutput : onTrain[index + 1];
    const gridOut = last ? probability : onGrid[index + 1];
    const [m, units] = [out.shape[0], out.shape[1] ?? 1];
    const values = out.data;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
    const bins = new Array<number>(20).fill(0);
    for (const v of values) bins[Math.min(19, Math.floor(((v - lo) / (hi - lo)) * 20))]++;
    const unitStats = Array.from({ length: units }, (_, u) => {
      let sum = 0;
      let zeros = 0;
      for (let i = 0; i < m; i++) {
        const v = values[i * units + u];
        sum += v;
        if (v === 0) zeros++;
      }
      const mean = sum / m;
      let v2 = 0;
      for (let i = 0; i < m; i++) v2 += (values[i * units + u] - mean) ** 2;
      return { mean, std: Math.sqrt(v2 / m), zeroFraction: zeros / m };
    });
    const w = r.model.getParameter(`${index}.weight`);
    const b = r.model.getParameter(`${index}.bias`);
    const inputs = w.shape[1];
    return {
      name: last ? 'output' : `dense ${k + 1}`,
      activation: s.activation,
      units,
      bins,
      range: [lo, hi] as [number, number],
      activationStd: s.activationStd,
      gradientNorm: s.gradientNorm ?? 0,
      stuckFraction: s.deadFraction ?? s.saturatedFraction,
      weights: Array.from({ length: units }, (_, u) => Array.from(w.data.subarray(u * inputs, (u + 1) * inputs))),
      bias: Array.from(b.data),
      unitStats,
      images: Array.from({ length: Math.min(units, MAX_DRAWN_UNITS) }, (_, u) =>
        last ? Float32Array.from(gridOut.data) : column(gridOut, u),
      ),
    };
  });
}

function snapshot(r: Run, refreshContour: boolean): Snapshot {
  const train = evaluate(r, r.train);
  const test = evaluate(r, r.test);
  if (!r.history.length || r.history[r.history.length - 1][0] !== r.step)
    r.history.push([r.step, train.cost, test.cost]);
  if (r.history.length > 400) r.history = r.history.filter((_, i) => i % 2 === 0 || i === r.history.length - 1);
  const probability = noGrad(() => r.model.predict(r.grid));
  const stats = layerStatistics(r.model, r.train.x, { y: r.train.y, loss: 'binaryCrossEntropy', l2: r.settings.l2 });
  // The same diagnosis as `gradlab diagnose`: it knows the model, the settings in use (so it never
  // suggests what is already there) and the inputs as the network receives them.
  const d = diagnose(stats, {
    model: r.model,
    training: {
      optimizer: r.settings.optimizer,
      learningRate: r.settings.learningRate,
      inputsScaled: r.settings.normalize,
    },
    inputs: inputStatistics(r.train.x),
    output: outputStatistics(r.model, r.train.x, r.train.y, 'binaryCrossEntropy'),
  });
  const w = firstWeights(r);
  const b = r.model.getParameter(`${r.dense[0]}.bias`);
  const inSize = w.shape[1];
  let symmetric = true;
  for (let u = 1; u < w.shape[0] && symmetric; u++) {
    if (b.data[u] !== b.data[0]) symmetric = false;
    for (let j = 0; j < inSize && symmetric; j++) if (w.data[u * inSize + j] !== w.data[j]) symmetric = false;
  }
  const now = performance.now();
  if (refreshContour || !r.contour || now - r.contourAt > CONTOUR_INTERVAL_MS) {
    r.contour = costSlice(r);
    r.contourAt = performance.now();
  } else r.contour = { ...r.contour, path: r.path };
  return {
    step: r.step,
    trainCost: train.cost,
    testCost: test.cost,
    trainAccuracy: train.accuracy,
    testAccuracy: test.accuracy,
    initialCost: r.initialCost,
    history: r.history,
    milestones: r.milestones,
    boundary: { size: GRID_SIZE, probability: Float32Array.from(probability.data), bounds: r.bounds },
    inputImages: [column(r.grid, 0), column(r.grid, 1)],
    layers: layerViews(r, stats, probability),
    contour: r.contour,
    diagnosis: { healthy: d.healthy, findings: findingViews(d), suggestion: d.suggestion },
    symmetric,
    stepsPerSecond: rate,
    playing,
  };
}

// As fast as possible: train in ~80 ms slices, one snapshot per slice.
function loop(): void {
  if (!playing || !run) return;
  const started = performance.now();
  let steps = 0;
  while (performance.now() - started < 80) {
    trainSteps(run, 5);
    steps += 5;
  }
  rate = steps / ((performance.now() - started) / 1000);
  send({ type: 'snapshot', snapshot: snapshot(run, false) });
  setTimeout(loop, 0);
}

function checkGradients(r: Run, bug: Extract<ToWorker, { type: 'gradcheck' }>['bug']): FromWorker {
  const rows = Math.min(64, r.train.x.shape[0]);
  const pick = Int32Array.from({ length: rows }, (_, i) => i);
  const report = gradcheck(r.model, gatherRows(r.train.x, pick), gatherRows(r.train.y, pick), {
    loss: 'binaryCrossEntropy',
    l2: r.settings.l2,
    dropout: 'frozen',
    injectBug: bug,
  });
  return {
    type: 'gradcheck',
    verdict: report.verdict,
    difference: report.difference,
    step: r.step,
    bug: report.bug ? `${report.bug.parameter}: ${report.bug.kind} (${report.bug.effect})` : null,
    rows: report.parameters.map((p) => ({
      name: p.name,
      difference: p.difference,
      verdict: p.verdict,
      worst: p.worst[0]
        ? `[${p.worst[0].position?.join(', ')}] ${p.worst[0].analytic.toPrecision(4)} vs ${p.worst[0].numeric.toPrecision(4)}`
        : '',
    })),
  };
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  try {
    const message = event.data;
    if (message.type === 'init') {
      playing = false;
      rate = 0;
      const points = initRun(message.settings, message.upload);
      send({ type: 'ready', points, snapshot: snapshot(run!, true) });
    } else if (!run) {
      return;
    } else if (message.type === 'step') {
      const started = performance.now();
      trainSteps(run, message.count);
      const snap = snapshot(run, !message.live);
      rate = message.count / Math.max(1e-3, (performance.now() - started) / 1000);
      send({ type: 'snapshot', snapshot: snap });
    } else if (message.type === 'play') {
      if (!playing) {
        playing = true;
        loop();
      }
    } else if (message.type === 'pause') {
      playing = false;
      send({ type: 'snapshot', snapshot: snapshot(run, true) });
    } else if (message.type === 'gradcheck') {
      send(checkGradients(run, message.bug));
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
