// Gradient-check timings in a fresh process; prints JSON. argv: <inputs,hidden...,outputs> <mode> <repeats> <evaluation>
import { performance } from 'node:perf_hooks';
import * as g from '../dist/index.js';

const [sizesArg, mode = 'full', repeatsArg = '3', evaluation = 'incremental'] = process.argv.slice(2);
const sizes = sizesArg.split(',').map(Number);
const layers = sizes
  .slice(1)
  .map((units, i) => new g.Dense(units, { activation: i === sizes.length - 2 ? 'linear' : 'tanh' }));
const model = new g.Sequential(layers, { inputSize: sizes[0], seed: 1 });
const x = g.randn([32, sizes[0]], { seed: 2 });
const y = g.tensor(Array.from({ length: 32 }, (_, i) => i % sizes[sizes.length - 1]));
g.gradcheck(model, x, y, { loss: 'softmaxCrossEntropy', mode: 'directional' }); // warm-up, not timed
const seconds = [];
let report;
for (let r = 0; r < Number(repeatsArg); r++) {
  const t = performance.now();
  report = g.gradcheck(model, x, y, { loss: 'softmaxCrossEntropy', mode, evaluation });
  seconds.push((performance.now() - t) / 1000);
}
process.stdout.write(
  `${JSON.stringify({ parameters: model.parameterCount(), mode, seconds, verdict: report.verdict, difference: report.difference, evaluations: report.evaluations })}\n`,
);
