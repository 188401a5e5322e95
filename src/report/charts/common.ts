import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, DASHES, SERIES_COLORS, SHAPES } from '../theme.js';

/** A Vega-Lite spec (most plots) or a Vega spec (the contour plots, which draw SVG paths). */
export type ChartSpec = TopLevelSpec | VegaSpec;

/** An HTML table shown before a figure's plot; `classes[r][c]` styles one cell. */
export interface Table {
  headers: string[];
  rows: string[][];
  classes?: string[][];
}

export interface Chart {
  id: string;
  title: string;
  spec: ChartSpec;
  /** One sentence: what to see. */
  caption: string;
  table?: Table;
  /** Laid out several to a row. */
  small?: boolean;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const VEGA_SCHEMA = 'https://vega.github.io/schema/vega/v6.json';

/** Vega's equivalent of the shared Vega-Lite CONFIG. */
export const VEGA_CONFIG = {
  axis: { ...CONFIG.axis, labelFont: CONFIG.font, titleFont: CONFIG.font, grid: false },
  legend: { ...CONFIG.legend, labelFont: CONFIG.font, titleFont: CONFIG.font },
  text: { font: CONFIG.font },
};

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '-' : `${(100 * v).toFixed(1)}%`);
export const sci = (v: number) => v.toExponential(1);
/** A learning rate as written in the sweep (1e-5, 0.3, 10). */
export const rate = (v: number | null | undefined) => (v === null || v === undefined ? 'none' : `${v}`);

/** Colour, dash and point shape for a categorical field, in a fixed order. */
export function series(field: string, title: string, domain: string[]) {
  return {
    color: { field, type: 'nominal' as const, title, scale: { domain, range: SERIES_COLORS.slice(0, domain.length) } },
    strokeDash: { field, type: 'nominal' as const, title, scale: { domain, range: DASHES.slice(0, domain.length) } },
    shape: { field, type: 'nominal' as const, title, scale: { domain, range: SHAPES.slice(0, domain.length) } },
  };
}

/** A line chart of one series per value of `field`, in the order of `domain`. */
export function lines(
  data: object[],
  x: object,
  y: object,
  field: string,
  title: string,
  domain: string[],
  extra: object = {},
): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CONFIG,
    width: 460,
    height: 260,
    data: { values: data },
    mark: { type: 'line', point: { size: 22, filled: true }, strokeWidth: 2 },
    encoding: { x, y, ...series(field, title, domain) },
    ...extra,
  } as TopLevelSpec;
}

/** A quantitative axis on a log scale. */
export const logAxis = (field: string, title: string) => ({
  field,
  type: 'quantitative' as const,
  title,
  scale: { type: 'log' as const },
});

/** A whole-number layer or epoch axis. */
export const countAxis = (field: string, title: string) => ({
  field,
  type: 'quantitative' as const,
  title,
  axis: { format: 'd', tickMinStep: 1 },
});

/** Keeps about `count` evenly spaced items, always the first and the last. */
export function evenly<T>(items: T[], count: number): T[] {
  const stride = Math.max(1, Math.ceil(items.length / count));
  return items.filter((_, i) => i % stride === 0 || i === items.length - 1);
}
