// The network as layers of units: each unit shows its output over the input plane, each line is a weight
// (width: size, colour and dash: sign). Units are focusable; hovering or focusing one shows its numbers.
import { NEGATIVE, POSITIVE, signedColour, surfaceColour } from './palette.js';
import { MAX_DRAWN_UNITS, type Snapshot } from './protocol.js';

const SVG = 'http://www.w3.org/2000/svg';
const UNIT = 30;
const ROW = 40;
const COLUMN = 120;
const TOP = 34;

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(3));

function element<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  return e;
}

function imageUrl(values: Float32Array, colour: (v: number) => [number, number, number], scale: number): string {
  const size = Math.round(Math.sqrt(values.length));
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(size, size);
  values.forEach((v, i) => image.data.set([...colour(v / scale), 255], 4 * i));
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL();
}

interface UnitRef {
  /** Index into Snapshot.layers; -1 for an input. */
  layer: number;
  unit: number;
  image: SVGImageElement;
  group: SVGGElement;
}

export class NetworkDiagram {
  private units: UnitRef[] = [];
  private lines: Array<{ layer: number; unit: number; input: number; line: SVGLineElement }> = [];
  private selected: UnitRef | null = null;
  private last: Snapshot | null = null;
  private featureNames: [string, string] = ['x₁', 'x₂'];

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly details: HTMLElement,
  ) {}

  /** Lays out the units and lines for a run's shape (called once per run, so focus survives updates). */
  build(s: Snapshot, featureNames: [string, string]): void {
    this.featureNames = featureNames;
    const title = this.svg.querySelector('title');
    this.svg.replaceChildren(...(title ? [title] : []));
    this.units = [];
    this.lines = [];
    this.selected = null;
    const counts = [2, ...s.layers.map((l) => Math.min(l.units, MAX_DRAWN_UNITS))];
    const tallest = Math.max(...counts);
    const width = Math.max(420, (counts.length - 1) * COLUMN + UNIT + 40);
    const height = TOP + tallest * ROW + 10;
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const step = (width - UNIT - 40) / (counts.length - 1);
    const centre = (col: number, k: number) => ({
      x: 20 + col * step + UNIT / 2,
      y: TOP + (tallest - counts[col]) * (ROW / 2) + k * ROW + UNIT / 2,
    });
    const lineLayer = element('g', { class: 'weights' });
    this.svg.append(lineLayer);
    s.layers.forEach((layer, l) => {
      for (let u = 0; u < counts[l + 1]; u++) {
        for (let j = 0; j < counts[l]; j++) {
          const a = centre(l, j);
          const b = centre(l + 1, u);
          const line = element('line', { x1: a.x + UNIT / 2, y1: a.y, x2: b.x - UNIT / 2, y2: b.y });
          lineLayer.append(line);
          this.lines.push({ layer: l, unit: u, input: j, line });
        }
      }
      const head = element('text', { x: centre(l + 1, 0).x, y: 14, 'text-anchor': 'middle', class: 'layer-name' });
      head.textContent = layer.name;
      const sub = element('text', { x: centre(l + 1, 0).x, y: 27, 'text-anchor': 'middle', class: 'layer-sub' });
      sub.textContent = `${layer.activation} · ${layer.units}${layer.units > MAX_DRAWN_UNITS ? ` (${MAX_DRAWN_UNITS} drawn)` : ''}`;
      this.svg.append(head, sub);
    });
    const inputHead = element('text', { x: centre(0, 0).x, y: 14, 'text-anchor': 'middle', class: 'layer-name' });
    inputHead.textContent = 'inputs';
    this.svg.append(inputHead);
    counts.forEach((n, col) => {
      for (let k = 0; k < n; k++) {
        const { x, y } = centre(col, k);
        const group = element('g', { tabindex: 0, role: 'img', class: 'unit', 'aria-describedby': 'unit-details' });
        const image = element('image', { x: x - UNIT / 2, y: y - UNIT / 2, width: UNIT, height: UNIT });
        image.setAttribute('preserveAspectRatio', 'none');
        const frame = element('rect', { x: x - UNIT / 2, y: y - UNIT / 2, width: UNIT, height: UNIT, class: 'frame' });
        group.append(image, frame);
        if (col === 0) {
          const label = element('text', { x: x - UNIT / 2 - 4, y: y + 4, 'text-anchor': 'end', class: 'input-name' });
          label.textContent = k === 0 ? 'x₁' : 'x₂';
          this.svg.append(label);
        }
        const ref: UnitRef = { layer: col - 1, unit: k, image, group };
        const choose = () => {
          this.selected = ref;
          this.describe();
        };
        group.addEventListener('focus', choose);
        group.addEventListener('mouseenter', choose);
        this.svg.append(group);
        this.units.push(ref);
      }
    });
    this.update(s);
  }

  update(s: Snapshot): void {
    this.last = s;
    for (const ref of this.units) {
      if (ref.layer < 0) {
        const values = s.inputImages[ref.unit];
        const scale = Math.max(...Array.from(values, Math.abs), 1e-12);
        ref.image.setAttribute('href', imageUrl(values, signedColour, scale));
      } else {
        const layer = s.layers[ref.layer];
        const values = layer.images[ref.unit];
        const output = ref.layer === s.layers.length - 1;
        const scale = output ? 1 : Math.max(...Array.from(values, Math.abs), 1e-12);
        ref.image.setAttribute('href', imageUrl(values, output ? surfaceColour : signedColour, scale));
      }
      ref.group.setAttribute('aria-label', this.summary(ref, s));
    }
    for (const { layer, unit, input, line } of this.lines) {
      const w = s.layers[layer].weights[unit][input];
      const width = Math.min(8, 0.4 + 2 * Math.abs(w));
      line.setAttribute('stroke', w < 0 ? NEGATIVE : POSITIVE);
      line.setAttribute('stroke-width', width.toFixed(2));
      line.setAttribute('stroke-dasharray', w < 0 ? '5 3' : 'none');
      line.setAttribute('stroke-opacity', Number.isFinite(w) ? '0.8' : '0');
    }
    if (this.selected) this.describe();
  }

  private summary(ref: UnitRef, s: Snapshot): string {
    if (ref.layer < 0) return `input ${this.featureNames[ref.unit]}`;
    const layer = s.layers[ref.layer];
    return `${layer.name}, unit ${ref.unit + 1} (${layer.activation})`;
  }

  private describe(): void {
    const ref = this.selected;
    const s = this.last;
    if (!ref || !s) return;
    if (ref.layer < 0) {
      const symbol = ref.unit === 0 ? 'x₁' : 'x₂';
      const name = this.featureNames[ref.unit];
      this.details.textContent = `Input ${symbol}${name === symbol ? '' : ` (${name})`}: shown over the plane as the network sees it (orange negative, blue positive).`;
      return;
    }
    const layer = s.layers[ref.layer];
    const st = layer.unitStats[ref.unit];
    const previous = ref.layer === 0 ? ['x₁', 'x₂'] : layer.weights[ref.unit].map((_, j) => `unit ${j + 1}`);
    const weights = layer.weights[ref.unit].map((w, j) => `${previous[j]} ${fmt(w)}`).join(', ');
    const zero =
      layer.activation === 'relu' ? ` · outputs 0 on ${(100 * st.zeroFraction).toFixed(0)}% of training examples` : '';
    this.details.textContent = `${this.summary(ref, s)} · bias ${fmt(layer.bias[ref.unit])} · weights in: ${weights} · output on the training set: mean ${fmt(st.mean)}, std ${fmt(st.std)}${zero}`;
  }
}
