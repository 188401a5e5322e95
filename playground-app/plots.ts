// The page's canvases: scatter plots on equal-aspect axes, the decision surface, the cost chart and the cost
// slice over two weights.
import { CLASS_COLOUR, INK, marker, surfaceColour } from './palette.js';
import type { ContourView, Points, Snapshot } from './protocol.js';

const FONT = '11px system-ui, sans-serif';

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d')!;
  ctx.setLineDash([]);
  ctx.font = FONT;
  return ctx;
}

const short = (v: number) => {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e4 || a < 1e-2) ? v.toExponential(1) : Number(v.toPrecision(3)).toString();
};

/** Segments where a grid of values (cell centres, row 0 at the top) crosses `level` (marching squares). */
function isoSegments(values: ArrayLike<number>, size: number, level: number): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  const at = (r: number, c: number) => values[r * size + c] - level;
  for (let r = 0; r < size - 1; r++) {
    for (let c = 0; c < size - 1; c++) {
      const corners: Array<[number, number, number]> = [
        [r, c, at(r, c)],
        [r, c + 1, at(r, c + 1)],
        [r + 1, c + 1, at(r + 1, c + 1)],
        [r + 1, c, at(r + 1, c)],
      ];
      const crossings: number[][] = [];
      for (let k = 0; k < 4; k++) {
        const [r0, c0, v0] = corners[k];
        const [r1, c1, v1] = corners[(k + 1) % 4];
        if (v0 < 0 !== v1 < 0 && Number.isFinite(v0) && Number.isFinite(v1)) {
          const t = v0 / (v0 - v1);
          crossings.push([c0 + t * (c1 - c0), r0 + t * (r1 - r0)]);
        }
      }
      for (let k = 0; k + 1 < crossings.length; k += 2)
        out.push([crossings[k][0], crossings[k][1], crossings[k + 1][0], crossings[k + 1][1]]);
    }
  }
  return out;
}

/**
 * Training (filled) and test (hollow) points with one scale for both axes: a feature 100× wider than the
 * other draws 100× wider, which is what the network's first layer meets.
 */
export function drawScatter(canvas: HTMLCanvasElement, sets: Points['raw'], points: Points, names: string[]): void {
  const ctx = context(canvas);
  const { width: w, height: h } = canvas;
  const margin = 34;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const all = [...sets.train, ...sets.test];
  const lo = [0, 1].map((k) => Math.min(...all.map((p) => p[k])));
  const hi = [0, 1].map((k) => Math.max(...all.map((p) => p[k])));
  const span = Math.max(hi[0] - lo[0], hi[1] - lo[1]) || 1;
  // Width over height of the cloud: what the equal axes show (and the test reads).
  canvas.dataset.aspect = String((hi[0] - lo[0]) / (hi[1] - lo[1] || 1));
  const scale = (Math.min(w, h) - 2 * margin) / span;
  const mid = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2];
  const px = (v: number) => w / 2 + (v - mid[0]) * scale;
  const py = (v: number) => h / 2 - (v - mid[1]) * scale;
  // Axes through the origin when it is in view: a shift moves the cloud away from them.
  ctx.strokeStyle = '#c5cad3';
  ctx.lineWidth = 1;
  if (px(0) > 0 && px(0) < w) ctx.strokeRect(px(0), 0, 0, h);
  if (py(0) > 0 && py(0) < h) ctx.strokeRect(0, py(0), w, 0);
  sets.train.forEach((p, i) => marker(ctx, px(p[0]), py(p[1]), points.trainLabels[i], true, 2.8));
  sets.test.forEach((p, i) => marker(ctx, px(p[0]), py(p[1]), points.testLabels[i], false, 2.8));
  ctx.fillStyle = INK;
  ctx.fillText(`${names[0]}: ${short(lo[0])} … ${short(hi[0])}`, 4, h - 6);
  ctx.save();
  ctx.translate(12, h - 20);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(`${names[1]}: ${short(lo[1])} … ${short(hi[1])}`, 0, 0);
  ctx.restore();
  // A scale bar: one unit of either feature at this zoom.
  const bar = 10 ** Math.floor(Math.log10(span / 3));
  ctx.fillRect(w - 10 - bar * scale, 10, bar * scale, 3);
  ctx.textAlign = 'right';
  ctx.fillText(`${short(bar)} on either axis`, w - 10, 26);
  ctx.textAlign = 'left';
}

/** The network's P(class 1) over the plane, smoothed, with the 0.5 boundary drawn as a line. */
export function drawBoundary(canvas: HTMLCanvasElement, s: Snapshot, points: Points): void {
  const ctx = context(canvas);
  const { size, probability, bounds } = s.boundary;
  const small = document.createElement('canvas');
  small.width = size;
  small.height = size;
  const image = small.getContext('2d')!.createImageData(size, size);
  probability.forEach((p, i) => {
    const [r, g, b] = surfaceColour(p);
    image.data.set([r, g, b, 255], 4 * i);
  });
  small.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  const cell = canvas.width / size;
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (const [c0, r0, c1, r1] of isoSegments(probability, size, 0.5)) {
    ctx.moveTo((c0 + 0.5) * cell, (r0 + 0.5) * cell);
    ctx.lineTo((c1 + 0.5) * cell, (r1 + 0.5) * cell);
  }
  ctx.stroke();
  const [a0, b0, a1, b1] = bounds;
  const px = (x: number) => ((x - a0) / (b0 - a0)) * canvas.width;
  const py = (y: number) => ((b1 - y) / (b1 - a1)) * canvas.height;
  points.model.train.forEach((p, i) => marker(ctx, px(p[0]), py(p[1]), points.trainLabels[i], true));
  points.model.test.forEach((p, i) => marker(ctx, px(p[0]), py(p[1]), points.testLabels[i], false));
}

/** Train (solid) and test (dashed) cost against steps, on a linear or log axis. */
export function drawCost(canvas: HTMLCanvasElement, s: Snapshot, log: boolean): void {
  const ctx = context(canvas);
  const { width: w, height: h } = canvas;
  const left = 48;
  const top = 12;
  const bottom = 28;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const rows = s.history.filter((r) => Number.isFinite(r[1]) && Number.isFinite(r[2]));
  if (!rows.length) return;
  const values = rows.flatMap((r) => [r[1], r[2]]);
  const maxStep = Math.max(1, rows[rows.length - 1][0]);
  const f = (c: number) => (log ? Math.log10(Math.max(c, 1e-6)) : c);
  let lo = log ? Math.floor(Math.min(...values.map(f))) : 0;
  let hi = log ? Math.ceil(Math.max(...values.map(f))) : Math.max(...values, 1e-3);
  if (hi <= lo) [lo, hi] = [lo - 1, hi + 1];
  const x = (step: number) => left + (step / maxStep) * (w - left - 10);
  const y = (c: number) => top + ((hi - f(c)) / (hi - lo)) * (h - top - bottom);
  ctx.strokeStyle = '#dde1e8';
  ctx.fillStyle = INK;
  ctx.lineWidth = 1;
  const ticks = log
    ? Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i))
    : [0, 0.25, 0.5, 0.75, 1].map((t) => t * hi);
  for (const t of ticks) {
    ctx.beginPath();
    ctx.moveTo(left, y(t));
    ctx.lineTo(w - 10, y(t));
    ctx.stroke();
    ctx.fillText(short(t), 4, y(t) + 4);
  }
  ctx.fillText('0', left - 3, h - 12);
  ctx.fillText(`step ${maxStep}`, w - 70, h - 12);
  ctx.fillText(log ? 'cost (log scale)' : 'cost', left + 4, top + 10);
  const series: Array<[number, number[], string]> = [
    [1, [], INK],
    [2, [6, 4], CLASS_COLOUR[1]],
  ];
  for (const [col, dash, colour] of series) {
    ctx.beginPath();
    ctx.setLineDash(dash);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    rows.forEach((r, i) => (i ? ctx.lineTo(x(r[0]), y(r[col])) : ctx.moveTo(x(r[0]), y(r[col]))));
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

// Light (low cost) to dark (high cost): one hue ramp, so bands read in grey-scale too.
function bandColour(t: number): number[] {
  const light = [247, 251, 255];
  const dark = [8, 48, 107];
  return light.map((v, k) => Math.round(v + t * (dark[k] - v)));
}

/** Cost over two weights in bands of equal log-cost, with the path gradient descent took through them. */
export function drawContour(canvas: HTMLCanvasElement, c: ContourView): void {
  const ctx = context(canvas);
  const { width: w, height: h } = canvas;
  const { size, cost, bounds } = c;
  const logs = Array.from(cost, (v) => Math.log10(Math.max(v, 1e-9)));
  const finite = logs.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite, lo + 1e-6);
  const bands = 10;
  const cell = w / (size - 1);
  // Bands from the log-cost interpolated bilinearly between grid points, pixel by pixel (no blocky cells).
  const image = ctx.createImageData(w, h);
  for (let y = 0; y < h; y++) {
    const gy = Math.min(size - 1.001, (y / h) * (size - 1));
    const r = Math.floor(gy);
    const fy = gy - r;
    for (let x = 0; x < w; x++) {
      const gx = Math.min(size - 1.001, (x / w) * (size - 1));
      const c = Math.floor(gx);
      const fx = gx - c;
      const v =
        (1 - fy) * ((1 - fx) * logs[r * size + c] + fx * logs[r * size + c + 1]) +
        fy * ((1 - fx) * logs[(r + 1) * size + c] + fx * logs[(r + 1) * size + c + 1]);
      const band = Math.floor(((v - lo) / (hi - lo)) * (bands - 1e-9)) / (bands - 1);
      image.data.set([...bandColour(Number.isFinite(band) ? band : 1), 255], 4 * (y * w + x));
    }
  }
  ctx.putImageData(image, 0, 0);
  ctx.strokeStyle = 'rgba(29,36,51,0.55)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let k = 1; k < bands; k++) {
    for (const [c0, r0, c1, r1] of isoSegments(logs, size, lo + ((hi - lo) * k) / bands)) {
      ctx.moveTo(c0 * cell, r0 * cell);
      ctx.lineTo(c1 * cell, r1 * cell);
    }
  }
  ctx.stroke();
  const px = (v: number) => ((v - bounds[0]) / (bounds[1] - bounds[0])) * w;
  const py = (v: number) => ((bounds[3] - v) / (bounds[3] - bounds[2])) * h;
  ctx.strokeStyle = CLASS_COLOUR[0];
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  c.path.forEach(([a, b], i) => (i ? ctx.lineTo(px(a), py(b)) : ctx.moveTo(px(a), py(b))));
  ctx.stroke();
  const [a, b] = c.path[c.path.length - 1];
  marker(ctx, px(a), py(b), 0, true, 5);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, h - 18, w, 18);
  ctx.fillStyle = INK;
  ctx.fillText(`→ w on x₁, ↑ w on x₂; span ${short(bounds[1] - bounds[0])} each`, 4, h - 5);
}
