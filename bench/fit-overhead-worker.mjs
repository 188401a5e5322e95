// fit against the bare step in ONE process, epoch by epoch in turn, so that both see the same load
// and the same JIT state: prints {fit[], step[]} in samples/s as JSON. argv: <float32|float64> <epochs>
import { performance } from 'node:perf_hooks';
import * as g from '../dist/index.js';

const [dtype = 'float32', epochsArg = '9'] = process.argv.slice(2);
const samples = 2560;
const batch = 128;
let s = 1;
const next = () => {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  return s / 4294967296;
};
const x = new (dtype === 'float64' ? Float64Array : Float32Array)(samples * 784);
for (let i = 0; i < x.length; i++) x[i] = next();
const y = Float64Array.from({ length: samples }, () => Math.floor(next() * 10));
const model = new g.Sequential(
  [
    new g.Dense(256, { activation: 'relu' }),
    new g.Dense(128, { activation: 'relu' }),
    new g.Dense(10, { activation: 'softmax' }),
  ],
  { inputSize: 784, dtype, seed: 1 },
);
const X = g.tensor(x, { shape: [samples, 784], dtype });
const Y = g.tensor(y, { dtype });
const optimizer = new g.SGD({ learningRate: 0.01 });
const params = model.parameters();
const objective = g.Objective.from({ loss: 'softmaxCrossEntropy' });
const batches = [];
for (let start = 0; start < samples; start += batch) {
  batches.push({
    x: g.tensor(x.slice(start * 784, (start + batch) * 784), { shape: [batch, 784], dtype }),
    y: g.tensor(y.slice(start, start + batch), { dtype }),
  });
}
let seed = 0;
const epochs = {
  fit: () =>
    g.fit(model, X, Y, {
      loss: 'softmaxCrossEntropy',
      optimizer,
      batchSize: batch,
      epochs: 1,
      quiet: true,
      seed: seed++,
    }),
  step: () => {
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
  },
};
const rates = { fit: [], step: [] };
for (const run of Object.values(epochs)) run(); // warm-up, not timed
for (let e = 0; e < Number(epochsArg); e++) {
  for (const [name, run] of Object.entries(epochs)) {
    const t = performance.now();
    run();
    rates[name].push(samples / ((performance.now() - t) / 1000));
  }
}
process.stdout.write(`${JSON.stringify(rates)}\n`);
