// The playground page: controls whose values live in the URL, a worker that trains, and canvases.
import {
  DEFAULT_SETTINGS,
  type FromWorker,
  type Points,
  type Settings,
  type Snapshot,
  type ToWorker,
} from './protocol.js';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const post = (message: ToWorker) => worker.postMessage(message);

const NUMERIC: Array<keyof Settings> = [
  'noise',
  'depth',
  'width',
  'l2',
  'dropout',
  'learningRate',
  'batchSize',
  'seed',
];
const CHOICES: Array<keyof Settings> = ['dataset', 'activation', 'init', 'optimizer'];

function readUrl(): Settings {
  const params = new URLSearchParams(location.search);
  const s: Settings = { ...DEFAULT_SETTINGS };
  for (const key of NUMERIC)
    if (params.has(key) && Number.isFinite(Number(params.get(key))))
      (s as unknown as Record<string, number>)[key] = Number(params.get(key));
  for (const key of CHOICES) if (params.has(key)) (s as unknown as Record<string, string>)[key] = params.get(key)!;
  if (params.has('normalize')) s.normalize = params.get('normalize') === '1';
  return s;
}

function writeUrl(s: Settings): void {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  history.replaceState(null, '', `?${params}`);
}

function readControls(): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS };
  for (const key of NUMERIC) (s as unknown as Record<string, number>)[key] = Number($<HTMLInputElement>(key).value);
  for (const key of CHOICES) (s as unknown as Record<string, string>)[key] = $<HTMLSelectElement>(key).value;
  s.normalize = $<HTMLInputElement>('normalize').checked;
  return s;
}

function showControls(s: Settings): void {
  for (const key of NUMERIC) $<HTMLInputElement>(key).value = String(s[key]);
  for (const key of CHOICES) $<HTMLSelectElement>(key).value = String(s[key]);
  $<HTMLInputElement>('normalize').checked = s.normalize;
}

let settings = readUrl();
let upload: { x: number[][]; y: number[] } | undefined;
let points: Points | null = null;
let playing = false;

function start(): void {
  settings = readControls();
  writeUrl(settings);
  playing = false;
  $('play').textContent = 'Play';
  post({ type: 'init', settings, upload });
}

// ---- drawing (shapes as well as shades, so it reads in grey-scale) ----

function marker(ctx: CanvasRenderingContext2D, x: number, y: number, cls: number, filled: boolean): void {
  ctx.beginPath();
  if (cls === 1) {
    ctx.moveTo(x, y - 4);
    ctx.lineTo(x + 4, y + 3);
    ctx.lineTo(x - 4, y + 3);
    ctx.closePath();
  } else ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
  ctx.fillStyle = cls === 1 ? '#000' : '#fff';
  ctx.strokeStyle = cls === 1 ? '#fff' : '#000';
  ctx.lineWidth = 1.2;
  if (filled) ctx.fill();
  ctx.stroke();
}

function scatter(id: string, train: number[][], test: number[][]): void {
  const canvas = $<HTMLCanvasElement>(id);
  const ctx = canvas.getContext('2d')!;
  const all = [...train, ...test];
  const lo = [0, 1].map((k) => Math.min(...all.map((p) => p[k])));
  const hi = [0, 1].map((k) => Math.max(...all.map((p) => p[k])));
  ctx.fillStyle = '#f4f4f4';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const px = (v: number, k: number) =>
    k === 0
      ? 10 + ((v - lo[0]) / (hi[0] - lo[0] || 1)) * (canvas.width - 20)
      : canvas.height - 10 - ((v - lo[1]) / (hi[1] - lo[1] || 1)) * (canvas.height - 20);
  train.forEach((p, i) => marker(ctx, px(p[0], 0), px(p[1], 1), points!.trainLabels[i], true));
  ctx.fillStyle = '#000';
  ctx.font = '11px sans-serif';
  ctx.fillText(
    `x₁ ∈ [${lo[0].toPrecision(3)}, ${hi[0].toPrecision(3)}], x₂ ∈ [${lo[1].toPrecision(3)}, ${hi[1].toPrecision(3)}]`,
    4,
    12,
  );
}

function drawBoundary(s: Snapshot): void {
  const canvas = $<HTMLCanvasElement>('boundary');
  const ctx = canvas.getContext('2d')!;
  const { size, probability, bounds } = s.boundary;
  const cell = canvas.width / size;
  probability.forEach((p, i) => {
    const shade = Math.round(235 - 170 * p);
    ctx.fillStyle = `rgb(${shade},${shade},${shade})`;
    ctx.fillRect((i % size) * cell, Math.floor(i / size) * cell, cell + 0.5, cell + 0.5);
  });
  const [a0, b0, a1, b1] = bounds;
  const px = (x: number) => ((x - a0) / (b0 - a0)) * canvas.width;
  const py = (y: number) => ((b1 - y) / (b1 - a1)) * canvas.height;
  points!.model.train.forEach((p, i) => marker(ctx, px(p[0]), py(p[1]), points!.trainLabels[i], true));
  points!.model.test.forEach((p, i) => marker(ctx, px(p[0]), py(p[1]), points!.testLabels[i], false));
}

function drawCost(s: Snapshot): void {
  const canvas = $<HTMLCanvasElement>('cost');
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const h = s.history;
  if (!h.length) return;
  const maxStep = Math.max(1, h[h.length - 1][0]);
  const maxCost = Math.max(...h.map((r) => Math.max(r[1], r[2])), 1e-3);
  const x = (step: number) => 40 + (step / maxStep) * (canvas.width - 50);
  const y = (c: number) => canvas.height - 30 - (Math.min(c, maxCost) / maxCost) * (canvas.height - 50);
  ctx.strokeStyle = '#999';
  ctx.strokeRect(40, 20, canvas.width - 50, canvas.height - 50);
  ctx.fillStyle = '#000';
  ctx.font = '11px sans-serif';
  ctx.fillText(maxCost.toPrecision(3), 2, 24);
  ctx.fillText('0', 28, canvas.height - 30);
  ctx.fillText(`step ${maxStep}`, canvas.width - 70, canvas.height - 12);
  const series: Array<[number, number[]]> = [
    [1, []],
    [2, [6, 4]],
  ];
  for (const [column, dash] of series) {
    ctx.beginPath();
    ctx.setLineDash(dash);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    h.forEach((r, i) => (i ? ctx.lineTo(x(r[0]), y(r[column])) : ctx.moveTo(x(r[0]), y(r[column]))));
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

function drawLayers(s: Snapshot): void {
  const box = $('layers');
  box.replaceChildren();
  const maxNorm = Math.max(...s.layers.map((l) => l.gradientNorm), 1e-12);
  for (const layer of s.layers) {
    const wrap = document.createElement('div');
    const canvas = document.createElement('canvas');
    canvas.width = 150;
    canvas.height = 80;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute(
      'aria-label',
      `${layer.name} (${layer.activation}): activation std ${layer.activationStd.toPrecision(3)}, gradient norm ${layer.gradientNorm.toExponential(1)}`,
    );
    const ctx = canvas.getContext('2d')!;
    const peak = Math.max(...layer.bins, 1);
    layer.bins.forEach((b, i) => {
      ctx.fillStyle = '#444';
      const hgt = (b / peak) * 55;
      ctx.fillRect(i * 6, 60 - hgt, 5, hgt);
    });
    const bar = Math.max(1, 30 + 10 * Math.log10(layer.gradientNorm / maxNorm + 1e-30));
    ctx.fillStyle = '#000';
    ctx.fillRect(125, 60 - Math.min(55, bar * 1.8), 14, Math.min(55, bar * 1.8));
    ctx.font = '10px sans-serif';
    ctx.fillText(`[${layer.range[0].toPrecision(2)}, ${layer.range[1].toPrecision(2)}]`, 0, 75);
    const label = document.createElement('div');
    label.textContent = `${layer.name} ${layer.activation}: std ${layer.activationStd.toPrecision(2)}, ‖∂J/∂W‖ ${layer.gradientNorm.toExponential(1)}`;
    wrap.append(canvas, label);
    box.append(wrap);
  }
  $('diagnosis').textContent = s.diagnosis.healthy
    ? 'Diagnosis: signals look healthy through the layers.'
    : `Diagnosis: ${s.diagnosis.messages.join('; ')}${s.diagnosis.suggestion ? `. Suggestion: ${s.diagnosis.suggestion}.` : ''}`;
}

function show(s: Snapshot): void {
  const status = $('status');
  status.textContent = `step ${s.step} · train cost ${s.trainCost.toFixed(4)} · test cost ${s.testCost.toFixed(4)} · train accuracy ${(100 * s.trainAccuracy).toFixed(1)}% · test ${(100 * s.testAccuracy).toFixed(1)}% · ${Math.round(s.stepsPerSecond)} steps/s${s.symmetric ? ' · hidden units identical (symmetry not broken)' : ''}`;
  Object.assign(status.dataset, {
    step: String(s.step),
    cost: String(s.trainCost),
    initialCost: String(s.initialCost),
    trainAccuracy: String(s.trainAccuracy),
    symmetric: String(s.symmetric),
    stepsPerSecond: String(s.stepsPerSecond),
  });
  drawBoundary(s);
  drawCost(s);
  drawLayers(s);
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.type === 'error') {
    $('status').textContent = `error: ${message.message}`;
    return;
  }
  if (message.type === 'ready') {
    points = message.points;
    scatter('raw', points.raw.train, points.raw.test);
    scatter('scaled', points.model.train, points.model.test);
    const select = $<HTMLSelectElement>('bugParameter');
    select.replaceChildren(new Option('(no bug)', ''), ...points.parameters.map((p) => new Option(p, p)));
    show(message.snapshot);
  } else if (message.type === 'snapshot') show(message.snapshot);
  else if (message.type === 'gradcheck') {
    const box = $('gradcheck');
    box.dataset.verdict = message.verdict;
    const rows = message.rows
      .map(
        (r) =>
          `<tr class="verdict-${r.verdict}"><td>${r.name}</td><td>${r.difference.toExponential(2)}</td><td>${r.verdict.toUpperCase()}</td><td>${r.worst}</td></tr>`,
      )
      .join('');
    box.innerHTML = `<p><strong>Gradient check: ${message.verdict.toUpperCase()}</strong>, difference ${message.difference.toExponential(2)}${message.bug ? ` (planted: ${message.bug})` : ''}</p><table><thead><tr><th>tensor</th><th>difference</th><th>verdict</th><th>worst entry (analytic vs numeric)</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
};

for (const id of [...NUMERIC, ...CHOICES, 'normalize']) $(id).addEventListener('change', start);
$('upload').addEventListener('change', async () => {
  const file = $<HTMLInputElement>('upload').files?.[0];
  if (!file) return;
  const lines = (await file.text()).trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => l.split(',').map(Number)).filter((r) => r.length >= 3 && r.every(Number.isFinite));
  if (!rows.length) {
    $('status').textContent = 'error: the CSV needs a header and rows of two numeric features and a 0/1 label';
    return;
  }
  upload = { x: rows.map((r) => [r[0], r[1]]), y: rows.map((r) => (r[r.length - 1] > 0 ? 1 : 0)) };
  $<HTMLSelectElement>('dataset').value = 'upload';
  start();
});
$('play').addEventListener('click', () => {
  playing = !playing;
  $('play').textContent = playing ? 'Pause' : 'Play';
  post({ type: playing ? 'play' : 'pause' });
});
$('step').addEventListener('click', () => post({ type: 'step', count: 10 }));
$('reset').addEventListener('click', start);
$('check').addEventListener('click', () => {
  const parameter = $<HTMLSelectElement>('bugParameter').value;
  const kind = $<HTMLSelectElement>('bugKind').value as 'scale' | 'swap' | 'drop-l2' | 'sign';
  post({ type: 'gradcheck', bug: parameter ? { parameter, kind } : null });
});

showControls(settings);
start();
