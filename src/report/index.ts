export { buildCharts, type Chart } from './charts/index.js';
export { renderHtml } from './html.js';
export { renderSvg } from './render.js';
export { writeReport } from './writeReport.js';
