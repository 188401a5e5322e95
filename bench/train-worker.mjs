// One training measurement in a fresh process: prints {samplesPerSecond[], maxRssMB} as JSON.
// argv: <engine: gradlab|tfjs> <variant: float32|float64|cpu|wasm> <steps> <repeats>
import { performance } from 'node:perf_hooks';

const [engine, variant, stepsArg, repeatsArg] = process.argv.slice(2);
const steps = Number(stepsArg ?? 20);
const repeats = Number(repeatsArg ?? 5);
const batch = 128;
const sizes = [784, 256, 128, 10];

function randomBatch(seed, dtype) {
  // A fixed pseudo-random batch (LCG), so both engines see the same numbers.
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const x = new (dtype === 'float64' ? Float64Array : Float32Array)(batch * sizes[0]);
  for (let i = 0; i < x.length; i++) x[i] = next();
  const y = new Int32Array(batch);
  for (let i = 0; i < batch; i++) y[i] = Math.floor(next() * 10);
  return { x, y };
}

async function gradlab(dtype) {
  const g = await import('../dist/index.js');
  const model = new g.Sequential(
    [
      new g.Dense(256, { activation: 'relu' }),
      new g.Dense(128, { activation: 'relu' }),
      new g.Dense(10, { activation: 'softmax' }),
    ],
    { inputSize: 784, dtype, seed: 1 },
  );
  const { x, y } = randomBatch(1, dtype);
  const X = g.tensor(x, { shape: [batch, 784], dtype });
  const Y = g.tensor(Float64Array.from(y), { dtype });
  const optimizer = new g.SGD({ learningRate: 0.01 });
  const params = model.parameters();
  return () => {
    const { objective } = g.computeObjective(model, X, Y, { loss: 'softmaxCrossEntropy' }, { training: true });
    const found = g.gradients(objective, params);
    optimizer.step(
      params,
      params.map((p) => found.get(p)),
    );
  };
}

async function tfjs(backend) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  const tfl = await import('@tensorflow/tfjs-layers');
  await tf.setBackend(backend);
  await tf.ready();
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }));
  model.add(tfl.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'sparseCategoricalCrossentropy' });
  const { x, y } = randomBatch(1, 'float32');
  const X = tf.tensor2d(x, [batch, 784]);
  const Y = tf.tensor1d(Float32Array.from(y));
  return async () => {
    await model.trainOnBatch(X, Y);
  };
}

const step = engine === 'gradlab' ? await gradlab(variant) : await tfjs(variant);
for (let i = 0; i < 20; i++) await step(); // warm-up (JIT and kernel caches), not timed
const samplesPerSecond = [];
for (let r = 0; r < repeats; r++) {
  const t = performance.now();
  for (let i = 0; i < steps; i++) await step();
  samplesPerSecond.push((steps * batch) / ((performance.now() - t) / 1000));
}
process.stdout.write(`${JSON.stringify({ samplesPerSecond, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
