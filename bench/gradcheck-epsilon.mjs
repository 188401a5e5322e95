// Fixed ε = 1e-6 against epsilon: 'auto' on the same correct networks and planted bugs (issue 17):
// 'auto' may become the default only if it gives smaller differences on correct networks and catches
// no fewer bugs. Usage: npm run build && node bench/gradcheck-epsilon.mjs [--networks 24]
import * as g from '../dist/index.js';

const at = process.argv.indexOf('--networks');
const count = at > 0 ? Number(process.argv[at + 1]) : 24;
const gen = new g.Generator(2026);
const pick = (list) => list[gen.int(list.length)];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function network(i) {
  const hidden = Array.from({ length: 1 + gen.int(3) }, () => 2 + gen.int(7));
  const activation = pick(['tanh', 'relu', 'sigmoid', 'leakyRelu']);
  const head = pick(['binaryCrossEntropy', 'softmaxCrossEntropy', 'meanSquaredError']);
  const dropout = gen.uniform() < 0.5 ? 0.2 : 0;
  const l2 = gen.uniform() < 0.5 ? 0.5 : 0;
  const dtype = gen.uniform() < 0.5 ? 'float32' : 'float64';
  const outputs = head === 'softmaxCrossEntropy' ? 3 : head === 'meanSquaredError' ? 2 : 1;
  const layers = [];
  for (const units of hidden) {
    layers.push(new g.Dense(units, { activation }));
    if (dropout) layers.push(new g.Dropout(dropout));
  }
  layers.push(new g.Dense(outputs, { activation: head === 'binaryCrossEntropy' ? 'sigmoid' : 'linear' }));
  const model = new g.Sequential(layers, { inputSize: 3, seed: i, dtype });
  const rows = 24;
  const x = g.astype(g.randn([rows, 3], { seed: 1000 + i }), dtype);
  const labels = Array.from({ length: rows }, (_, r) => (r * 7 + i) % outputs);
  const y =
    head === 'meanSquaredError'
      ? g.astype(g.randn([rows, 2], { seed: 2000 + i }), dtype)
      : g.astype(g.tensor(head === 'binaryCrossEntropy' ? labels.map((v) => v % 2) : labels), dtype);
  // Half of them after 100 steps of training, where gradients shrink and ε matters most.
  const trained = i % 2 === 1;
  if (trained)
    g.fit(model, x, y, {
      loss: head,
      l2,
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 24,
      epochs: 100,
      quiet: true,
    });
  const options = { loss: head, l2, dropout: dropout ? 'frozen' : 'off', seed: 3 };
  const label = `${hidden.join('-')} ${activation} ${head} ${dtype}${dropout ? ' dropout' : ''}${l2 ? ' L2' : ''}${trained ? ' trained' : ''}`;
  return { model, x, y, options, label, l2 };
}

const settings = [1e-6, 'auto'];
const correct = { 1e-6: [], auto: [] };
const verdicts = { 1e-6: {}, auto: {} };
const bugs = { 1e-6: { planted: 0, fail: 0, notPass: 0 }, auto: { planted: 0, fail: 0, notPass: 0 } };
let autoSmaller = 0;
const sizes = [];
for (let i = 0; i < count; i++) {
  const { model, x, y, options, l2 } = network(i);
  const diffs = settings.map((epsilon) => {
    const r = g.gradcheck(model, x, y, { ...options, epsilon });
    correct[epsilon].push(r.difference);
    verdicts[epsilon][r.verdict] = (verdicts[epsilon][r.verdict] ?? 0) + 1;
    return r.difference;
  });
  if (diffs[1] < diffs[0]) autoSmaller++;
  for (const [parameter, tensor] of model.namedParameters()) {
    for (const kind of g.BUG_KINDS) {
      if (kind === 'drop-l2' && (!parameter.endsWith('weight') || !l2)) continue;
      if (kind === 'swap' && tensor.size < 2) continue;
      for (const epsilon of settings) {
        let r;
        try {
          r = g.gradcheck(model, x, y, { ...options, epsilon, injectBug: { parameter, kind } });
        } catch {
          continue; // swap with identical rows: nothing to plant
        }
        if (r.bug.size < 1e-2 * (1 - 1e-9)) continue;
        if (epsilon === 1e-6) sizes.push(r.bug.size);
        const b = bugs[epsilon];
        b.planted++;
        const verdict = r.parameters.find((p) => p.name === parameter).verdict;
        if (verdict === 'fail') b.fail++;
        if (verdict !== 'pass') b.notPass++;
      }
    }
  }
}

const line = (epsilon) =>
  `${String(epsilon).padEnd(5)}  median difference ${median(correct[epsilon]).toExponential(2)}  max ${Math.max(...correct[epsilon]).toExponential(2)}  verdicts ${JSON.stringify(verdicts[epsilon])}  bugs: ${bugs[epsilon].fail}/${bugs[epsilon].planted} fail, ${bugs[epsilon].notPass}/${bugs[epsilon].planted} not pass`;
console.log(
  `${count} correct networks (half after 100 training steps); ${sizes.length} planted bugs of size ≥ 1e-2 (median size ${median(sizes).toExponential(1)})`,
);
for (const epsilon of settings) console.log(line(epsilon));
console.log(`auto gave the smaller difference on ${autoSmaller} of ${count} correct networks`);
