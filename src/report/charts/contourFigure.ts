import type { Spec as VegaSpec } from 'vega';
import { TEXT_COLOR } from '../theme.js';
import { VEGA_CONFIG, VEGA_SCHEMA } from './common.js';
import { contourPaths, type GridField } from './contourPaths.js';

/** One kind of point drawn over the contours, with its legend entry. */
export interface PointLayer {
  label: string;
  color: string;
  shape: string;
  points: Array<[number, number]>;
  /** Marker area in px² (0: no markers, only the joining line). */
  size: number;
  /** Joined by a line in order (a descent path; at most one layer of a figure). */
  joined?: boolean;
}

export interface ContourFigureOptions {
  grid: GridField;
  width: number;
  height: number;
  xTitle: string;
  yTitle: string;
  /** Filled regions: fills[k] covers values between thresholds[k − 1] and thresholds[k]. */
  bands?: { thresholds: number[]; fills: string[] };
  /** Isolines, drawn as thin strokes. */
  isolines?: { thresholds: number[]; stroke: string };
  /** One isoline drawn bold, with its legend label (e.g. the decision boundary at 0.5). */
  emphasis?: { threshold: number; label: string };
  layers: PointLayer[];
  legendTitle: string;
}

const f = (v: number) => v.toFixed(1);

/** An SVG path drawing one marker of `shape` centred on (x, y), about r pixels in radius. */
function glyph(shape: string, x: number, y: number, r: number): string {
  if (shape === 'square') return `M${f(x - r)},${f(y - r)}h${f(2 * r)}v${f(2 * r)}h${f(-2 * r)}Z`;
  if (shape === 'triangle-up') return `M${f(x)},${f(y - 1.2 * r)}l${f(1.1 * r)},${f(2 * r)}h${f(-2.2 * r)}Z`;
  if (shape === 'cross') {
    const t = r / 3;
    return (
      `M${f(x - t)},${f(y - r)}h${f(2 * t)}v${f(r - t)}h${f(r - t)}v${f(2 * t)}h${f(t - r)}` +
      `v${f(r - t)}h${f(-2 * t)}v${f(t - r)}h${f(t - r)}v${f(-2 * t)}h${f(r - t)}Z`
    );
  }
  return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0`;
}

/**
 * A Vega spec: contours of a grid (d3-contour paths, see contourPaths) under point layers, on
 * linear axes spanning the grid. Equal aspect when width / height equals the two spans' ratio.
 */
export function contourFigure(o: ContourFigureOptions): VegaSpec {
  const { grid, width, height } = o;
  const shapes: Array<{ d: string; fill: string; stroke: string; strokeWidth: number }> = [];
  if (o.bands) {
    shapes.push({ d: `M0,0H${width}V${height}H0Z`, fill: o.bands.fills[0], stroke: 'transparent', strokeWidth: 0 });
    contourPaths(grid, o.bands.thresholds, width, height).forEach((d, k) => {
      shapes.push({ d, fill: o.bands!.fills[k + 1], stroke: 'transparent', strokeWidth: 0 });
    });
  }
  if (o.isolines)
    for (const d of contourPaths(grid, o.isolines.thresholds, width, height))
      shapes.push({ d, fill: 'transparent', stroke: o.isolines.stroke, strokeWidth: 0.9 });
  if (o.emphasis)
    for (const d of contourPaths(grid, [o.emphasis.threshold], width, height))
      shapes.push({ d, fill: 'transparent', stroke: TEXT_COLOR, strokeWidth: 2 });
  const legendItems = [...(o.emphasis ? [o.emphasis.label] : []), ...o.layers.map((l) => l.label)];
  const legendColors = [...(o.emphasis ? [TEXT_COLOR] : []), ...o.layers.map((l) => l.color)];
  const legendShapes = [...(o.emphasis ? ['stroke'] : []), ...o.layers.map((l) => (l.size > 0 ? l.shape : 'stroke'))];
  // Markers are outlined in the text colour; a line-only entry is drawn in its own colour.
  const legendStrokes = [
    ...(o.emphasis ? [TEXT_COLOR] : []),
    ...o.layers.map((l) => (l.size > 0 ? TEXT_COLOR : l.color)),
  ];
  const px = (x: number) => ((x - grid.xs[0]) / (grid.xs[grid.xs.length - 1] - grid.xs[0])) * width;
  const py = (y: number) => height - ((y - grid.ys[0]) / (grid.ys[grid.ys.length - 1] - grid.ys[0])) * height;
  // Each layer's points as one path of small glyphs: about 25 bytes a point instead of a 185-byte
  // <path> element each (300 points per decision boundary).
  const glyphs = o.layers
    .filter((l) => l.size > 0)
    .map((l) => ({
      color: l.color,
      d: l.points.map(([x, y]) => glyph(l.shape, px(x), py(y), Math.sqrt(l.size) / 2)).join(''),
    }));
  const joined = o.layers
    .filter((l) => l.joined)
    .slice(0, 1)
    .flatMap((l) => l.points.map(([x, y], order) => ({ x, y, order, color: l.color })));
  const at = (field: string, scale: string) => ({ scale, field });
  return {
    $schema: VEGA_SCHEMA,
    config: VEGA_CONFIG,
    width,
    height,
    padding: 5,
    autosize: 'pad',
    data: [
      { name: 'shapes', values: shapes },
      { name: 'glyphs', values: glyphs },
      { name: 'joined', values: joined },
    ],
    scales: [
      {
        name: 'x',
        type: 'linear',
        domain: [grid.xs[0], grid.xs[grid.xs.length - 1]],
        range: 'width',
        nice: false,
        zero: false,
      },
      {
        name: 'y',
        type: 'linear',
        domain: [grid.ys[0], grid.ys[grid.ys.length - 1]],
        range: 'height',
        nice: false,
        zero: false,
      },
      { name: 'legendColor', type: 'ordinal', domain: legendItems, range: legendColors },
      { name: 'legendShape', type: 'ordinal', domain: legendItems, range: legendShapes },
      { name: 'legendStroke', type: 'ordinal', domain: legendItems, range: legendStrokes },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: o.xTitle, tickCount: 5 },
      { orient: 'left', scale: 'y', title: o.yTitle, tickCount: 5 },
    ],
    legends: [
      {
        title: o.legendTitle,
        fill: 'legendColor',
        shape: 'legendShape',
        orient: 'bottom',
        direction: 'vertical',
        encode: {
          symbols: { update: { stroke: { scale: 'legendStroke', field: 'value' }, strokeWidth: { value: 1.5 } } },
        },
      },
    ],
    marks: [
      {
        type: 'path',
        from: { data: 'shapes' },
        clip: true,
        aria: false,
        encode: {
          enter: {
            path: { field: 'd' },
            fill: { field: 'fill' },
            stroke: { field: 'stroke' },
            strokeWidth: { field: 'strokeWidth' },
          },
        },
      },
      {
        type: 'line',
        from: { data: 'joined' },
        aria: false,
        sort: { field: 'datum.order' },
        encode: {
          enter: { x: at('x', 'x'), y: at('y', 'y'), stroke: { field: 'color' }, strokeWidth: { value: 1.5 } },
        },
      },
      {
        type: 'path',
        from: { data: 'glyphs' },
        clip: true,
        aria: false,
        encode: {
          enter: {
            path: { field: 'd' },
            fill: { field: 'color' },
            stroke: { value: TEXT_COLOR },
            strokeWidth: { value: 0.5 },
          },
        },
      },
    ],
  } as VegaSpec;
}
