// gradlab's benchmark: every measurement runs in its own child process of this one process tree, side
// by side with TensorFlow.js on the same machine. Prints a table of medians and ratios and writes
// bench/results/latest.json. Usage: npm run bench [-- --json] [-- --quick]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const log = (text) => (json ? process.stderr : process.stdout).write(`${text}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const worker = (script, args) =>
  JSON.parse(
    execFileSync(process.execPath, [`${here}${script}`, ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 24 })
      .trim()
      .split('\n')
      .pop(),
  );

const repeats = quick ? 3 : 7;
const results = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  },
  date: new Date().toISOString(),
  training: {},
  matmul: {},
  gradcheck: {},
};

log('training MLP 784-256-128-10, batch 128, SGD (samples/s, median of runs)…');
for (const [engine, variant] of [
  ['gradlab', 'float32'],
  ['gradlab', 'float64'],
  ['tfjs', 'cpu'],
  ['tfjs', 'wasm'],
]) {
  const steps = engine === 'tfjs' && variant === 'cpu' ? 8 : 25;
  const r = worker('train-worker.mjs', [engine, variant, steps, repeats]);
  results.training[`${engine} ${variant}`] = {
    samplesPerSecond: median(r.samplesPerSecond),
    runs: r.samplesPerSecond,
    peakRssMB: r.maxRssMB,
  };
}

log('matrix products of n×n squares (GFLOP/s)…');
for (const n of [256, 512, 1024]) {
  for (const [engine, variant] of [
    ['gradlab', 'float32'],
    ['gradlab', 'float64'],
    ['gradlab', 'js64'],
    ['tfjs', 'wasm'],
    ['tfjs', 'cpu'],
  ]) {
    if (variant === 'js64' && n > 512) continue;
    if (variant === 'cpu' && n > 512) continue;
    const r = worker('matmul-worker.mjs', [engine, variant, n, quick ? 3 : 5]);
    results.matmul[`${engine} ${variant} ${n}`] = median(r.gflops);
  }
}

log('gradient checks, batch 32, tanh (seconds)…');
for (const [sizes, mode, evaluation] of [
  ['20,64,32,10', 'full', 'incremental'],
  ['64,256,32,10', 'full', 'incremental'],
  ['64,256,32,10', 'full', 'suffix'],
  ['64,256,32,10', 'directional', 'incremental'],
]) {
  const r = worker('gradcheck-worker.mjs', [sizes, mode, quick ? 1 : 3, evaluation]);
  results.gradcheck[`${r.parameters} parameters ${mode}${mode === 'full' ? ` (${evaluation})` : ''}`] = {
    seconds: median(r.seconds),
    evaluations: r.evaluations,
    verdict: r.verdict,
  };
}

const t = results.training;
const ratio = (a, b) => t[a].samplesPerSecond / t[b].samplesPerSecond;
results.ratios = {
  'gradlab float32 / tfjs wasm': ratio('gradlab float32', 'tfjs wasm'),
  'gradlab float64 / tfjs wasm': ratio('gradlab float64', 'tfjs wasm'),
  'gradlab float32 / tfjs cpu': ratio('gradlab float32', 'tfjs cpu'),
};

mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
if (json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const fmt = (v, d = 1) => v.toFixed(d);
  log(`\nmachine: ${results.machine.cpus} cores, ${results.machine.model}, Node ${results.machine.node}`);
  log('\n| training (784-256-128-10, batch 128, SGD) | samples/s (median) | peak RSS MB |\n| --- | ---: | ---: |');
  for (const [k, v] of Object.entries(t)) log(`| ${k} | ${fmt(v.samplesPerSecond, 0)} | ${fmt(v.peakRssMB, 0)} |`);
  log('\n| ratio | × |\n| --- | ---: |');
  for (const [k, v] of Object.entries(results.ratios)) log(`| ${k} | ${fmt(v, 2)} |`);
  log('\n| matmul n×n | GFLOP/s (median) |\n| --- | ---: |');
  for (const [k, v] of Object.entries(results.matmul)) log(`| ${k} | ${fmt(v, 2)} |`);
  log('\n| gradient check | seconds (median) | evaluations |\n| --- | ---: | ---: |');
  for (const [k, v] of Object.entries(results.gradcheck)) log(`| ${k} | ${fmt(v.seconds, 3)} | ${v.evaluations} |`);
  log('\nwritten: bench/results/latest.json');
}
