// One training measurement in a fresh process, through each library's own training call: prints
// {samplesPerSecond[], maxRssMB} as JSON. Every run is one epoch of SAMPLES rows in batches of 128,
// after one untimed warm-up epoch (JIT, kernel caches, buffer pools).
// argv: <engine: gradlab|tfjs> <variant: float32|float64|cpu|wasm> <mode: fit|step> <repeats> [threads: 1|2]
//   gradlab fit:  gradlab's `fit` (shuffled mini-batches, SGD, running metrics, quiet)
//   gradlab step: the bare step (forward, backward, SGD) on the same batches, cut in order, no `fit`
//   tfjs fit:     TF.js `model.fit` (shuffled, SGD, sparse categorical cross-entropy)
import { performance } from 'node:perf_hooks';

const [engine, variant, mode = 'fit', repeatsArg = '5', threads = '2'] = process.argv.slice(2);
const repeats = Number(repeatsArg);
const batch = 128;
const samples = 2560;
const sizes = [784, 256, 128, 10];

function randomData(dtype) {
  // Fixed pseudo-random data (LCG), so every engine sees the same numbers.
  let s = 1;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const x = new (dtype === 'float64' ? Float64Array : Float32Array)(samples * sizes[0]);
  for (let i = 0; i < x.length; i++) x[i] = next();
  const y = new Float64Array(samples);
  for (let i = 0; i < samples; i++) y[i] = Math.floor(next() * 10);
  return { x, y };
}

async function gradlab(dtype) {
  const g = await import('../dist/index.js');
  // Two threads for large products where Node has a second core (the default), or one.
  (await import('../dist/kernels/index.js')).setMatmulThreads(Number(threads));
  const model = new g.Sequential(
    [
      new g.Dense(sizes[1], { activation: 'relu' }),
      new g.Dense(sizes[2], { activation: 'relu' }),
      new g.Dense(sizes[3], { activation: 'softmax' }),
    ],
    { inputSize: sizes[0], dtype, seed: 1 },
  );
  const { x, y } = randomData(dtype);
  const X = g.tensor(x, { shape: [samples, sizes[0]], dtype });
  const Y = g.tensor(y, { dtype });
  if (mode === 'fit') {
    const optimizer = new g.SGD({ learningRate: 0.01 });
    let seed = 0;
    return () =>
      g.fit(model, X, Y, {
        loss: 'softmaxCrossEntropy',
        optimizer,
        batchSize: batch,
        epochs: 1,
        quiet: true,
        seed: seed++,
      });
  }
  const batches = [];
  for (let start = 0; start < samples; start += batch) {
    const xs = x.slice(start * sizes[0], (start + batch) * sizes[0]);
    batches.push({
      x: g.tensor(xs, { shape: [batch, sizes[0]], dtype }),
      y: g.tensor(y.slice(start, start + batch), { dtype }),
    });
  }
  const optimizer = new g.SGD({ learningRate: 0.01 });
  const params = model.parameters();
  const objective = g.Objective.from({ loss: 'softmaxCrossEntropy' });
  return () => {
    for (const b of batches) {
      g.withBufferScope(() => {
        const { objective: cost } = objective.evaluate(model, b.x, b.y, { training: true });
        const found = g.gradients(cost, params);
        optimizer.step(
          params,
          params.map((p) => found.get(p)),
        );
      });
    }
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
  model.add(tfl.layers.dense({ inputShape: [sizes[0]], units: sizes[1], activation: 'relu' }));
  model.add(tfl.layers.dense({ units: sizes[2], activation: 'relu' }));
  model.add(tfl.layers.dense({ units: sizes[3], activation: 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'sparseCategoricalCrossentropy' });
  const { x, y } = randomData('float32');
  const X = tf.tensor2d(x, [samples, sizes[0]]);
  const Y = tf.tensor1d(Float32Array.from(y));
  return async () => {
    await model.fit(X, Y, { batchSize: batch, epochs: 1, shuffle: true, verbose: 0 });
  };
}

const epoch = engine === 'gradlab' ? await gradlab(variant) : await tfjs(variant);
await epoch(); // warm-up epoch, not timed
const samplesPerSecond = [];
for (let r = 0; r < repeats; r++) {
  const t = performance.now();
  await epoch();
  samplesPerSecond.push(samples / ((performance.now() - t) / 1000));
}
process.stdout.write(`${JSON.stringify({ samplesPerSecond, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
