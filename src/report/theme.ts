/** Shared look: legible axes, and series told apart by dash and shape as well as colour (grey-scale safe). */
export const CONFIG = {
  font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
  // labelLimit 0: never truncate a label with an ellipsis (an issue found "after 100 st…" cut off).
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.4, labelLimit: 0, titleLimit: 0 },
  legend: { labelFontSize: 11, titleFontSize: 12, symbolStrokeWidth: 2, labelLimit: 0, titleLimit: 0 },
  title: { fontSize: 13, anchor: 'start' as const },
  view: { stroke: '#ccc' },
  // No aria-label per data point: the figure's caption says what to see, and the labels of thousands
  // of points were a third of the page's 4.2 MB.
  mark: { aria: false },
};

/** The colour of every text drawn by the report (on white, and on the light fills below). */
export const TEXT_COLOR = '#111111';

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

/** Two classes of a 2-D dataset: orange circles and purple triangles (a colour-blind-safe pair). */
export const CLASS_COLORS = { outer: '#e66101', inner: '#5e3c99' };

/**
 * Light fills that carry text (the planted-bug grid): TEXT_COLOR on each has a WCAG contrast ratio
 * above 12 (test/report/contrast.test.ts computes it), far over AA's 4.5.
 */
export const OUTCOME_FILLS = { caught: '#c7e9c0', elsewhere: '#fdd0a2', missed: '#fcbba1' };

/**
 * Ten probability bands, 0.1 apart: pale orange (surely outer) through near-white (0.5) to pale purple
 * (surely inner), light enough that the saturated class markers stay visible on every band.
 */
export const PROBABILITY_BANDS = [
  '#fdb863',
  '#fdc98a',
  '#fedab0',
  '#fee9d3',
  '#f7f3ee',
  '#eeeef6',
  '#dcdcec',
  '#c8c4e0',
  '#b2abd2',
  '#9d94c5',
];

/** Cost isolines: darker near the minimum. */
export const ISOLINE_COLOR = '#555555';
/** The gradient-descent path drawn over the isolines. */
export const PATH_COLOR = '#d95f02';
