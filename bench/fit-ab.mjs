// Two builds of gradlab (or one build at two thread counts) timed epoch by epoch in turn, in one
// process, so that both see the same load from elsewhere: prints the median samples/s of each and the
// median of the per-round ratios B / A. What decided the kernel and thread changes of issue 21.
// argv: <float32|float64> <threadsA 1|2> <threadsB 1|2> [rounds] [rootA] [rootB]
//   rootA, rootB: directories holding a built dist/ (default: this checkout for both), e.g. a
//   `git worktree add /tmp/before <commit>` built with `npm run build`.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const [dtype = 'float32', threadsA = '1', threadsB = '2', roundsArg = '7', rootA = here, rootB = here] =
  process.argv.slice(2);
const sizes = [784, 256, 128, 10];
const samples = 2560;

async function epochOf(root, threads) {
  const g = await import(`${root}/dist/index.js`);
  const kernels = await import(`${root}/dist/kernels/index.js`);
  let s = 1; // the same LCG data as bench/train-worker.mjs
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const x = new (dtype === 'float64' ? Float64Array : Float32Array)(samples * sizes[0]);
  for (let i = 0; i < x.length; i++) x[i] = next();
  const y = Float64Array.from({ length: samples }, () => Math.floor(next() * 10));
  const model = new g.Sequential(
    [
      new g.Dense(sizes[1], { activation: 'relu' }),
      new g.Dense(sizes[2], { activation: 'relu' }),
      new g.Dense(sizes[3], { activation: 'softmax' }),
    ],
    { inputSize: sizes[0], dtype, seed: 1 },
  );
  const X = g.tensor(x, { shape: [samples, sizes[0]], dtype });
  const Y = g.tensor(y, { dtype });
  const optimizer = new g.SGD({ learningRate: 0.01 });
  let seed = 0;
  return () => {
    kernels.setMatmulThreads(Number(threads));
    const t = performance.now();
    g.fit(model, X, Y, {
      loss: 'softmaxCrossEntropy',
      optimizer,
      batchSize: 128,
      epochs: 1,
      quiet: true,
      seed: seed++,
    });
    return samples / ((performance.now() - t) / 1000);
  };
}

const a = await epochOf(rootA, threadsA);
const b = await epochOf(rootB, threadsB);
a();
b();
await new Promise((resolve) => setTimeout(resolve, 300)); // the helper threads start
a();
b();
const rates = { a: [], b: [] };
for (let r = 0; r < Number(roundsArg); r++) {
  rates.a.push(a());
  rates.b.push(b());
}
const median = (values) => [...values].sort((p, q) => p - q)[values.length >> 1];
const ratio = median(rates.b.map((v, i) => v / rates.a[i]));
process.stdout.write(
  `${JSON.stringify({ dtype, a: { root: rootA, threads: Number(threadsA), samplesPerSecond: Math.round(median(rates.a)) }, b: { root: rootB, threads: Number(threadsB), samplesPerSecond: Math.round(median(rates.b)) }, ratio: Math.round(ratio * 1000) / 1000 })}\n`,
);
process.exit(0);
