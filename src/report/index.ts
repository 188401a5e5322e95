import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LabResults } from '../experiments/index.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { buildCharts } from './charts.js';
import { renderHtml } from './html.js';
import { renderSvg } from './render.js';

export { buildCharts, type Chart } from './charts.js';
export { renderSvg } from './render.js';
export { renderHtml } from './html.js';

/** Writes `<dir>/index.html` (self-contained) and `<dir>/results.json`, each atomically. */
export async function writeReport(
  results: LabResults,
  dir: string,
): Promise<{ html: string; json: string; plots: number }> {
  mkdirSync(dir, { recursive: true });
  const charts = buildCharts(results);
  const rendered = [];
  for (const chart of charts) rendered.push({ ...chart, svg: await renderSvg(chart.spec) });
  const html = join(dir, 'index.html');
  const json = join(dir, 'results.json');
  writeFileAtomic(json, `${JSON.stringify(results)}\n`);
  writeFileAtomic(html, renderHtml(results, rendered));
  return { html, json, plots: rendered.length };
}
