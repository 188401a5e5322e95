// The playground page: controls whose values live in the URL, a worker that trains, and the views.
import { NetworkDiagram } from './network.js';
import { drawBoundary, drawContour, drawCost, drawScatter } from './plots.js';
import {
  type BugKind,
  DEFAULT_NOISE,
  DEFAULT_SETTINGS,
  DISPLAY_ONLY,
  type DatasetName,
  type FromWorker,
  type Points,
  type Settings,
  type Snapshot,
  type ToWorker,
} from './protocol.js';
import { drawDiagnosis, drawSignals } from './signals.js';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const post = (message: ToWorker) => worker.postMessage(message);
const UPLOAD_KEY = 'gradlab-playground-upload';

const NUMERIC: Array<keyof Settings> = [
  'noise',
  'stretch',
  'shift',
  'depth',
  'width',
  'l2',
  'dropout',
  'learningRate',
  'batchSize',
  'seed',
  'speed',
];
const CHOICES: Array<keyof Settings> = ['dataset', 'activation', 'init', 'optimizer'];
const FLAGS: Array<keyof Settings> = ['normalize', 'logCost'];
type Loose = Record<string, unknown>;

function readUrl(): Settings {
  const params = new URLSearchParams(location.search);
  const s: Loose = { ...DEFAULT_SETTINGS };
  for (const key of CHOICES) if (params.has(key)) s[key] = params.get(key);
  // A dataset's own noise unless the link names one.
  s.noise = DEFAULT_NOISE[s.dataset as DatasetName] ?? DEFAULT_SETTINGS.noise;
  for (const key of NUMERIC)
    if (params.has(key) && params.get(key) !== '' && Number.isFinite(Number(params.get(key))))
      s[key] = Number(params.get(key));
  for (const key of FLAGS) if (params.has(key)) s[key] = params.get(key) === '1';
  return s as unknown as Settings;
}

function writeUrl(s: Settings): void {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  history.replaceState(null, '', `?${params}`);
}

function readControls(): Settings {
  const s: Loose = { ...DEFAULT_SETTINGS };
  for (const key of NUMERIC) s[key] = Number($<HTMLInputElement>(key).value);
  for (const key of CHOICES) s[key] = $<HTMLSelectElement>(key).value;
  for (const key of FLAGS) s[key] = $<HTMLInputElement>(key).checked;
  return s as unknown as Settings;
}

function showControls(s: Settings): void {
  for (const key of NUMERIC) $<HTMLInputElement>(key).value = String(s[key]);
  for (const key of CHOICES) $<HTMLSelectElement>(key).value = String(s[key]);
  for (const key of FLAGS) $<HTMLInputElement>(key).checked = Boolean(s[key]);
  const fixed = s.dataset === 'breast-cancer' || s.dataset === 'upload';
  $<HTMLInputElement>('noise').disabled = fixed;
}

function notice(text: string | null): void {
  const box = $('notice');
  box.hidden = !text;
  box.textContent = text ?? '';
}

function storedUpload(): { x: number[][]; y: number[] } | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(UPLOAD_KEY) ?? 'null');
    return value && Array.isArray(value.x) && Array.isArray(value.y) ? value : undefined;
  } catch {
    return undefined;
  }
}

let settings = readUrl();
let upload = storedUpload();
let points: Points | null = null;
let latest: Snapshot | null = null;
let playing = false;
let waiting = false;
let checkedAt: number | null = null;
const diagram = new NetworkDiagram($('network') as unknown as SVGSVGElement, $('unit-details'));
const seen: Array<[number, number]> = [];

// A link or reload with dataset=upload and no stored upload: say so and show circles, never a silent mismatch.
if (settings.dataset === 'upload' && !upload) {
  notice(
    'The uploaded CSV is not stored in this browser, so circles are shown instead. Choose the file again to use it.',
  );
  settings = { ...settings, dataset: 'circles', noise: DEFAULT_NOISE.circles };
}

// Results computed for other settings are gone; results for older weights of the same run are marked stale.
function clearGradcheck(): void {
  const box = $('gradcheck');
  box.replaceChildren();
  delete box.dataset.verdict;
  delete box.dataset.stale;
  checkedAt = null;
}

function markStale(step: number): void {
  const box = $('gradcheck');
  if (checkedAt === null || step === checkedAt || box.dataset.stale) return;
  box.dataset.stale = 'true';
  const note = document.createElement('p');
  note.className = 'stale-note';
  note.textContent = `Stale: checked at step ${checkedAt}; training has changed the weights since. Check again.`;
  box.prepend(note);
}

function start(): void {
  stopPlaying();
  settings = readControls();
  showControls(settings);
  writeUrl(settings);
  clearGradcheck();
  seen.length = 0;
  post({ type: 'init', settings, upload });
}

/** "2.weight" → "dense 2 weight": dense layers numbered from 1 as in the diagram, dropout not counted. */
function parameterLabel(name: string, all: readonly string[]): string {
  const layers = [...new Set(all.map((p) => Number(p.split('.')[0])))].sort((a, b) => a - b);
  const [index, kind] = name.split('.');
  const k = layers.indexOf(Number(index));
  return `${k === layers.length - 1 ? 'output' : `dense ${k + 1}`} ${kind}`;
}

// The scale story in numbers: how much wider one feature is than the other, before and after scaling.
function explainScale(p: Points): void {
  const ratio = (rows: number[][]) => {
    const span = (k: number) => Math.max(...rows.map((r) => r[k])) - Math.min(...rows.map((r) => r[k]));
    return span(0) / (span(1) || 1);
  };
  const before = ratio(p.raw.train);
  const after = ratio(p.model.train);
  const round = (v: number) => Number(v.toPrecision(2)).toLocaleString('en');
  const times = (r: number) => (r >= 1 ? `${round(r)}×` : `1/${round(1 / r)} of`);
  $('scale-story').textContent =
    `${p.featureNames[0]} spans ${times(before)} the range of ${p.featureNames[1]}` +
    (settings.normalize
      ? `; after normalization, ${times(after)}. Every weight sees inputs of the same size, so one learning rate suits them all.`
      : `, and the network gets it as it is. A learning rate small enough for the wide feature crawls along the narrow one: compare the steps to reach cost 0.3 with "Normalize inputs" on.`);
}

// ---- playing at a chosen speed ----

function frame(): void {
  if (!playing || settings.speed === 0) return;
  if (!waiting) {
    waiting = true;
    post({ type: 'step', count: settings.speed, live: true });
  }
  requestAnimationFrame(frame);
}

function startPlaying(): void {
  playing = true;
  $('play').textContent = '❚❚ Pause';
  $('play').setAttribute('aria-pressed', 'true');
  if (settings.speed === 0) post({ type: 'play' });
  else requestAnimationFrame(frame);
}

function stopPlaying(): void {
  const was = playing;
  if (playing && settings.speed === 0) post({ type: 'pause' });
  playing = false;
  if (was && latest && points) show(latest, true);
  $('play').textContent = '▶ Play';
  $('play').setAttribute('aria-pressed', 'false');
}

// ---- showing a snapshot ----

function observedRate(step: number): number {
  const now = performance.now();
  seen.push([now, step]);
  while (seen.length > 2 && now - seen[0][0] > 1000) seen.shift();
  const [t0, s0] = seen[0];
  return now > t0 ? ((step - s0) * 1000) / (now - t0) : 0;
}

function showMilestones(s: Snapshot): void {
  const text = s.milestones
    .map(([cost, step]) => `cost < ${cost}: ${step === null ? '—' : `step ${step}`}`)
    .join(' · ');
  $('milestones').textContent = `First reached: ${text}`;
}

// While a run animates, the costly views (unit images, tables, the cost slice) are redrawn at most this often;
// at 1 step per frame redrawing them every frame held the page to ~20 frames/s.
const DETAIL_INTERVAL_MS = 200;
let detailsAt = 0;

function show(s: Snapshot, full = !playing): void {
  latest = s;
  const rate = settings.speed === 0 ? s.stepsPerSecond : observedRate(s.step);
  const status = $('status');
  status.textContent = `step ${s.step} · cost ${s.trainCost.toFixed(4)} (test ${s.testCost.toFixed(4)}) · accuracy ${(100 * s.trainAccuracy).toFixed(1)}% (test ${(100 * s.testAccuracy).toFixed(1)}%) · ${Math.round(rate)} steps/s${s.symmetric ? ' · hidden units identical: symmetry not broken' : ''}`;
  Object.assign(status.dataset, {
    step: String(s.step),
    cost: String(s.trainCost),
    initialCost: String(s.initialCost),
    trainAccuracy: String(s.trainAccuracy),
    symmetric: String(s.symmetric),
    stepsPerSecond: String(rate),
    milestones: JSON.stringify(s.milestones),
  });
  drawBoundary($('boundary'), s, points!);
  drawCost($('cost'), s, settings.logCost);
  showMilestones(s);
  markStale(s.step);
  const now = performance.now();
  if (!full && now - detailsAt < DETAIL_INTERVAL_MS) return;
  detailsAt = now;
  diagram.update(s);
  if (s.contour) drawContour($('contour'), s.contour);
  drawSignals($('signals'), s);
  drawDiagnosis($('diagnosis'), s);
}

function showGradcheck(message: Extract<FromWorker, { type: 'gradcheck' }>): void {
  const box = $('gradcheck');
  clearGradcheck();
  checkedAt = message.step;
  box.dataset.verdict = message.verdict;
  const summary = document.createElement('p');
  summary.innerHTML = '<strong></strong>';
  summary.firstElementChild!.textContent = `Gradient check at step ${message.step}: ${message.verdict.toUpperCase()}`;
  summary.append(
    `, largest relative difference ${message.difference.toExponential(2)}${message.bug ? ` (planted: ${message.bug})` : ''}`,
  );
  const table = document.createElement('table');
  table.innerHTML =
    '<thead><tr><th scope="col">tensor</th><th scope="col">difference</th><th scope="col">verdict</th><th scope="col">worst entry (analytic vs numeric)</th></tr></thead><tbody></tbody>';
  for (const r of message.rows) {
    const row = document.createElement('tr');
    row.className = `verdict-${r.verdict}`;
    for (const text of [r.name, r.difference.toExponential(2), r.verdict.toUpperCase(), r.worst]) {
      const td = document.createElement('td');
      td.textContent = text;
      row.append(td);
    }
    table.tBodies[0].append(row);
  }
  box.append(summary, table);
}

function showThreads(view: Extract<FromWorker, { type: 'threads' }>): void {
  const box = $('threads');
  const check = view.identical === null ? '' : view.identical ? ', bit-identical to 1' : ', DIFFERENT from 1 thread';
  box.textContent = `matrix products: ${view.threads} thread${view.threads > 1 ? 's' : ''}${check}${view.reason ? ` (${view.reason})` : ''}`;
  Object.assign(box.dataset, {
    threads: String(view.threads),
    identical: String(view.identical),
    helperPieces: String(view.helperPieces),
  });
  console.info(`gradlab playground: ${box.textContent}; helper pieces ${view.helperPieces}`);
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.type === 'threads') return showThreads(message);
  if (message.type === 'error') {
    waiting = false;
    $('status').textContent = `error: ${message.message}`;
    return;
  }
  if (message.type === 'ready') {
    points = message.points;
    const names = points.featureNames;
    drawScatter($('raw'), points.raw, points, names);
    drawScatter(
      $('scaled'),
      points.model,
      points,
      names.map((n) => (settings.normalize ? `${n} (scaled)` : n)),
    );
    const select = $<HTMLSelectElement>('bugParameter');
    select.replaceChildren(
      new Option('(no bug)', ''),
      ...points.parameters.map((p) => new Option(`${parameterLabel(p, points!.parameters)} (${p})`, p)),
    );
    explainScale(points);
    diagram.build(message.snapshot, names);
    show(message.snapshot, true);
  } else if (message.type === 'snapshot') {
    waiting = false;
    show(message.snapshot);
  } else if (message.type === 'gradcheck') showGradcheck(message);
};

for (const id of NUMERIC.concat(CHOICES, FLAGS)) {
  $(id).addEventListener('change', () => {
    if (!DISPLAY_ONLY.includes(id)) return start();
    const wasPlaying = playing;
    if (wasPlaying) stopPlaying();
    settings = {
      ...settings,
      speed: Number($<HTMLSelectElement>('speed').value),
      logCost: $<HTMLInputElement>('logCost').checked,
    };
    writeUrl(readControls());
    seen.length = 0;
    if (latest) drawCost($('cost'), latest, settings.logCost);
    if (wasPlaying) startPlaying();
  });
}
$('dataset').addEventListener(
  'change',
  () => {
    // Each dataset starts from the noise that keeps its shape readable.
    const name = $<HTMLSelectElement>('dataset').value as DatasetName;
    $<HTMLInputElement>('noise').value = String(DEFAULT_NOISE[name]);
    if (name === 'upload' && !upload) notice('Choose a CSV file below to train on your own data.');
    else notice(null);
  },
  { capture: true },
);
$('upload').addEventListener('change', async () => {
  const file = $<HTMLInputElement>('upload').files?.[0];
  if (!file) return;
  const lines = (await file.text()).trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => l.split(',').map(Number)).filter((r) => r.length >= 3 && r.every(Number.isFinite));
  if (!rows.length) {
    notice('That CSV has no usable rows: it needs a header, then rows of two numeric features and a 0/1 label.');
    return;
  }
  upload = { x: rows.map((r) => [r[0], r[1]]), y: rows.map((r) => (r[r.length - 1] > 0 ? 1 : 0)) };
  try {
    localStorage.setItem(UPLOAD_KEY, JSON.stringify(upload));
  } catch {
    notice('This upload is too large to keep in the browser: after a reload, choose the file again.');
  }
  $<HTMLSelectElement>('dataset').value = 'upload';
  start();
});
$('play').addEventListener('click', () => (playing ? stopPlaying() : startPlaying()));
$('step').addEventListener('click', () => {
  stopPlaying();
  post({ type: 'step', count: 1 });
});
$('reset').addEventListener('click', start);
$('check').addEventListener('click', () => {
  const parameter = $<HTMLSelectElement>('bugParameter').value;
  const kind = $<HTMLSelectElement>('bugKind').value as BugKind;
  post({ type: 'gradcheck', bug: parameter ? { parameter, kind } : null });
});

showControls(settings);
start();
