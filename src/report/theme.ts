/** Shared look: legible axes, and series told apart by dash and shape as well as colour (grey-scale safe). */
export const CONFIG = {
  font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.4 },
  legend: { labelFontSize: 11, titleFontSize: 12, symbolStrokeWidth: 2 },
  title: { fontSize: 13, anchor: 'start' as const },
  view: { stroke: '#ccc' },
};

/** Colours of decreasing luminance (Tableau-ish, distinguishable in grey-scale when paired with dashes). */
export const SERIES_COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#111111', '#e6ab02', '#66a61e'];
export const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
  [4, 4],
  [1, 3],
];
export const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'];
