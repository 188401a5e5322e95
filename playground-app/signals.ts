// Per dense layer, how the signal travels: a histogram of activations, their spread, the weight-gradient norm
// on a shared log scale, and the share of dead or saturated units; then the diagnosis in words.
import { INK } from './palette.js';
import type { Snapshot } from './protocol.js';

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function histogram(bins: number[], range: [number, number], label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 140;
  canvas.height = 40;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const ctx = canvas.getContext('2d')!;
  const peak = Math.max(...bins, 1);
  ctx.fillStyle = INK;
  bins.forEach((b, i) => {
    const h = (b / peak) * 26;
    ctx.fillRect(i * 7, 28 - h, 6, h);
  });
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillText(range[0].toPrecision(2), 0, 39);
  const right = range[1].toPrecision(2);
  ctx.fillText(right, 140 - ctx.measureText(right).width, 39);
  return canvas;
}

// The bar's length is log10 of the norm across a fixed 8 decades below the largest layer's norm.
function gradientBar(norm: number, largest: number): HTMLElement {
  const wrap = document.createElement('span');
  wrap.className = 'gradient';
  const bar = document.createElement('meter');
  bar.min = -8;
  bar.max = 0;
  bar.value = norm > 0 ? Math.max(-8, Math.log10(norm / largest)) : -8;
  bar.setAttribute('aria-label', `gradient norm ${norm.toExponential(1)}`);
  const text = document.createElement('span');
  text.textContent = norm.toExponential(1);
  wrap.append(bar, text);
  return wrap;
}

export function drawSignals(table: HTMLTableElement, s: Snapshot): void {
  const body = table.tBodies[0];
  body.replaceChildren();
  const largest = Math.max(...s.layers.map((l) => l.gradientNorm), 1e-300);
  for (const layer of s.layers) {
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = `${layer.name} (${layer.activation})`;
    const hist = document.createElement('td');
    hist.append(
      histogram(layer.bins, layer.range, `${layer.name} activations from ${layer.range[0]} to ${layer.range[1]}`),
    );
    const grad = document.createElement('td');
    grad.append(gradientBar(layer.gradientNorm, largest));
    const stuck =
      layer.stuckFraction === null
        ? '–'
        : `${(100 * layer.stuckFraction).toFixed(0)}% ${layer.activation.toLowerCase().includes('relu') ? 'dead' : 'saturated'}`;
    row.append(th, hist, cell(layer.activationStd.toPrecision(2), 'number'), grad, cell(stuck));
    body.append(row);
  }
}

export function drawDiagnosis(box: HTMLElement, s: Snapshot): void {
  const d = s.diagnosis;
  box.dataset.healthy = String(d.healthy);
  box.dataset.findings = String(d.findings.length);
  const heading = document.createElement('p');
  heading.className = 'verdict';
  heading.textContent = d.healthy
    ? 'Healthy: signals and gradients keep their size through the layers.'
    : `${d.findings.length} finding${d.findings.length === 1 ? '' : 's'}:`;
  const list = document.createElement('ul');
  for (const f of d.findings) {
    const item = document.createElement('li');
    item.textContent = f.message;
    if (f.evidence) {
      const evidence = document.createElement('span');
      evidence.className = 'evidence';
      evidence.textContent = f.evidence;
      item.append(document.createElement('br'), evidence);
    }
    list.append(item);
  }
  const parts: HTMLElement[] = [heading];
  if (d.findings.length) parts.push(list);
  if (d.suggestion) {
    const suggestion = document.createElement('p');
    suggestion.className = 'suggestion';
    suggestion.textContent = `Try: ${d.suggestion}`;
    parts.push(suggestion);
  }
  box.replaceChildren(...parts);
}
