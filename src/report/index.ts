export { buildCharts, type Chart } from './charts.js';
export { renderHtml } from './html.js';
export { renderSvg } from './render.js';
export { writeReport } from './writeReport.js';
