// gradlab's benchmark: every measurement runs in its own child process, side by side with TensorFlow.js
// (and PyTorch, when `import torch` works) on the same machine, in the same run. Prints tables of medians,
// their spread and the ratios, and writes bench/results/<date>.json (ignored by git); --save also writes
// bench/snapshots/<date>.json to commit. Usage: npm run bench [-- --quick] [-- --json] [-- --save]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const save = args.includes('--save');
const log = (text) => (json ? process.stderr : process.stdout).write(`${text}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** (max − min) / median: how noisy a row's runs were. */
const spread = (xs) => (Math.max(...xs) - Math.min(...xs)) / median(xs);
const lastJsonLine = (text) => JSON.parse(text.trim().split('\n').pop());
const node = (script, params) =>
  lastJsonLine(
    execFileSync(process.execPath, [`${here}${script}`, ...params.map(String)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    }),
  );

/** The Python with a working `import torch` (Debian's python3-torch installs into /usr/bin/python3), or null. */
function findTorchPython() {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (r.status === 0) return python;
  }
  return null;
}

/** Runs a command as a whole process: wall seconds and peak RSS (from /usr/bin/time -v when present). */
function wholeProcess(command, params) {
  const timed = existsSync('/usr/bin/time');
  const t = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-v', command, ...params], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 })
    : spawnSync(command, params, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${params.join(' ')} failed:\n${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { seconds, peakRssMB: rss ? Number(rss[1]) / 1024 : null, stdout: r.stdout };
}

// Epochs timed per process, and rounds of processes (see below).
const repeats = 3;
const rounds = quick ? 1 : 3;
const python = findTorchPython();
const results = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  },
  date: new Date().toISOString(),
  command: `node bench/run.mjs ${args.join(' ')}`.trim(),
  repeats,
  rounds,
  training: {},
  matmul: {},
  gradcheck: {},
  wholeProcess: {},
};
if (!python) log('PyTorch not found (apt-get install python3-torch): its rows are skipped.');

log(
  `training MLP 784-256-128-10, batch 128, SGD, epochs of 2,560 rows after a warm-up epoch (${rounds} rounds of ${repeats} epochs)…`,
);
const trainingRows = [
  ['gradlab float32 fit', () => node('train-worker.mjs', ['gradlab', 'float32', 'fit', repeats])],
  ['gradlab float64 fit', () => node('train-worker.mjs', ['gradlab', 'float64', 'fit', repeats])],
  ['gradlab float32 fit, 1 thread', () => node('train-worker.mjs', ['gradlab', 'float32', 'fit', repeats, 1])],
  ['gradlab float64 fit, 1 thread', () => node('train-worker.mjs', ['gradlab', 'float64', 'fit', repeats, 1])],
  ['gradlab float32 bare step', () => node('train-worker.mjs', ['gradlab', 'float32', 'step', repeats])],
  ['gradlab float64 bare step', () => node('train-worker.mjs', ['gradlab', 'float64', 'step', repeats])],
  ['tfjs wasm model.fit', () => node('train-worker.mjs', ['tfjs', 'wasm', 'fit', repeats])],
  ['tfjs cpu model.fit', () => node('train-worker.mjs', ['tfjs', 'cpu', 'fit', repeats])],
];
if (python) {
  for (const dtype of ['float32', 'float64']) {
    trainingRows.push([
      `pytorch ${dtype} loop, 1 thread`,
      () =>
        lastJsonLine(execFileSync(python, [`${here}torch_bench.py`, 'train', dtype, repeats], { encoding: 'utf8' })),
    ]);
  }
}
// Rounds: every row is measured once per round, in turn, so that a burst of load from elsewhere on
// a shared machine spreads over all rows instead of landing on one (the ratios are what matters).
const runs = Object.fromEntries(trainingRows.map(([name]) => [name, { samplesPerSecond: [], maxRssMB: 0 }]));
for (let round = 0; round < rounds; round++) {
  for (const [name, measure] of trainingRows) {
    const r = measure();
    runs[name].samplesPerSecond.push(...r.samplesPerSecond);
    runs[name].maxRssMB = Math.max(runs[name].maxRssMB, r.maxRssMB ?? 0);
    runs[name].version ??= r.version;
  }
}
for (const [name, r] of Object.entries(runs)) {
  results.training[name] = {
    samplesPerSecond: median(r.samplesPerSecond),
    spread: spread(r.samplesPerSecond),
    runs: r.samplesPerSecond,
    ...(r.maxRssMB && { peakRssMB: r.maxRssMB }),
    ...(r.version && { version: r.version }),
  };
}

log('fit against the bare step, interleaved epoch by epoch in one process…');
results.fitOverhead = {};
for (const dtype of ['float32', 'float64']) {
  const r = node('fit-overhead-worker.mjs', [dtype, quick ? 5 : 15]);
  // Each epoch's fit time over the step time of the epoch next to it: the load is shared by both.
  const ratios = r.fit.map((f, i) => f / r.step[i]);
  results.fitOverhead[dtype] = {
    fit: median(r.fit),
    step: median(r.step),
    ratio: median(ratios),
    spread: spread(ratios),
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
    const r = node('matmul-worker.mjs', [engine, variant, n, quick ? 3 : 5]);
    results.matmul[`${engine} ${variant} ${n}`] = median(r.gflops);
  }
}

log('gradient checks in one process, batch 32, tanh (seconds)…');
for (const [sizes, mode, evaluation] of [
  ['64,128,128,10', 'full', 'incremental'],
  ['64,128,128,10', 'directional', 'incremental'],
]) {
  const r = node('gradcheck-worker.mjs', [sizes, mode, quick ? 1 : 3, evaluation]);
  results.gradcheck[`${r.parameters} parameters ${mode}`] = {
    seconds: median(r.seconds),
    evaluations: r.evaluations,
    verdict: r.verdict,
  };
}

log('full float64 gradient check of the 26,122-parameter tanh MLP, whole process (seconds)…');
const gradcheckRuns = quick ? 1 : 3;
// The binary users run: package.json's `bin` (the bundled CLI).
const { bin } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const cli = [
  `${root}${bin.gradlab}`,
  ...'gradcheck --data digits --layers 128,128 --activation tanh --batch-size 32 --mode full'.split(' '),
];
const wholeRows = [
  ['gradlab gradcheck --mode full', () => wholeProcess(process.execPath, cli)],
  ['gradlab gradcheck --mode full --workers 1', () => wholeProcess(process.execPath, [...cli, '--workers', '1'])],
];
if (python)
  wholeRows.push([
    'pytorch torch.autograd.gradcheck',
    () => wholeProcess(python, [`${here}torch_bench.py`, 'gradcheck']),
  ]);
for (const [name, measure] of wholeRows) {
  const runs = Array.from({ length: gradcheckRuns }, measure);
  const seconds = runs.map((r) => r.seconds);
  results.wholeProcess[name] = {
    seconds: median(seconds),
    spread: spread(seconds),
    runs: seconds,
    peakRssMB: median(runs.map((r) => r.peakRssMB ?? 0)),
  };
}

const t = results.training;
const ratio = (a, b) => (t[a] && t[b] ? t[a].samplesPerSecond / t[b].samplesPerSecond : null);
results.ratios = {
  'gradlab float32 fit / tfjs wasm model.fit': ratio('gradlab float32 fit', 'tfjs wasm model.fit'),
  'gradlab float64 fit / tfjs wasm model.fit': ratio('gradlab float64 fit', 'tfjs wasm model.fit'),
  'gradlab float32 fit / tfjs cpu model.fit': ratio('gradlab float32 fit', 'tfjs cpu model.fit'),
  'gradlab float32 fit / pytorch float32 loop': ratio('gradlab float32 fit', 'pytorch float32 loop, 1 thread'),
  'gradlab float64 fit / pytorch float64 loop': ratio('gradlab float64 fit', 'pytorch float64 loop, 1 thread'),
  'gradlab float32 fit / bare step': ratio('gradlab float32 fit', 'gradlab float32 bare step'),
  'gradlab float64 fit / bare step': ratio('gradlab float64 fit', 'gradlab float64 bare step'),
  'gradlab float32 fit, 2 threads / 1 thread': ratio('gradlab float32 fit', 'gradlab float32 fit, 1 thread'),
  'gradlab float64 fit, 2 threads / 1 thread': ratio('gradlab float64 fit', 'gradlab float64 fit, 1 thread'),
};
for (const [dtype, v] of Object.entries(results.fitOverhead))
  results.ratios[`gradlab ${dtype} fit / bare step, interleaved in one process`] = v.ratio;
const w = results.wholeProcess;
if (w['pytorch torch.autograd.gradcheck'])
  results.ratios['full gradient check: pytorch seconds / gradlab seconds'] =
    w['pytorch torch.autograd.gradcheck'].seconds / w['gradlab gradcheck --mode full'].seconds;
if (w['gradlab gradcheck --mode full --workers 1'])
  results.ratios['full gradient check: one thread seconds / auto threads seconds'] =
    w['gradlab gradcheck --mode full --workers 1'].seconds / w['gradlab gradcheck --mode full'].seconds;

const stamp = results.date.replace(/[:.]/g, '-');
const text = `${JSON.stringify(results, null, 2)}\n`;
mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/${stamp}.json`, text);
writeFileSync(`${here}results/latest.json`, text);
if (save) {
  mkdirSync(`${here}snapshots`, { recursive: true });
  writeFileSync(`${here}snapshots/${results.date.slice(0, 10)}.json`, text);
}
if (json) {
  process.stdout.write(text);
} else {
  const fmt = (v, d = 1) => (v === null ? '—' : v.toFixed(d));
  const pct = (v) => `${(v * 100).toFixed(0)} %`;
  log(`\nmachine: ${results.machine.cpus} cores, ${results.machine.model}, Node ${results.machine.node}`);
  log(
    '\n| training (784-256-128-10, batch 128, SGD) | samples/s (median) | spread (max−min)/median | peak RSS MB |\n| --- | ---: | ---: | ---: |',
  );
  for (const [k, v] of Object.entries(t))
    log(`| ${k} | ${fmt(v.samplesPerSecond, 0)} | ${pct(v.spread)} | ${v.peakRssMB ? fmt(v.peakRssMB, 0) : '—'} |`);
  log('\n| ratio (same run) | × |\n| --- | ---: |');
  for (const [k, v] of Object.entries(results.ratios)) log(`| ${k} | ${fmt(v, 2)} |`);
  log('\n| matmul n×n | GFLOP/s (median) |\n| --- | ---: |');
  for (const [k, v] of Object.entries(results.matmul)) log(`| ${k} | ${fmt(v, 2)} |`);
  log('\n| gradient check (in process) | seconds (median) | evaluations |\n| --- | ---: | ---: |');
  for (const [k, v] of Object.entries(results.gradcheck)) log(`| ${k} | ${fmt(v.seconds, 3)} | ${v.evaluations} |`);
  log(
    '\n| full gradient check, 26,122 parameters, whole process | seconds (median) | spread | peak RSS MB |\n| --- | ---: | ---: | ---: |',
  );
  for (const [k, v] of Object.entries(w))
    log(`| ${k} | ${fmt(v.seconds, 2)} | ${pct(v.spread)} | ${fmt(v.peakRssMB, 0)} |`);
  log(`\nwritten: bench/results/${stamp}.json${save ? `, bench/snapshots/${results.date.slice(0, 10)}.json` : ''}`);
}
