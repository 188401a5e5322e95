import type { LabResults } from '../experiments/lab.js';
import { ensureDirectory, writeFileAtomic } from '../node/atomicWrite.js';
import { buildCharts } from './charts/index.js';
import { renderHtml } from './html.js';
import { renderSvg } from './render.js';

/** Writes `<dir>/index.html` (self-contained) and `<dir>/results.json`, each atomically. */
export async function writeReport(
  results: LabResults,
  dir: string,
): Promise<{ html: string; json: string; plots: number }> {
  ensureDirectory(dir);
  const charts = buildCharts(results);
  const rendered = [];
  for (const chart of charts) rendered.push({ ...chart, svg: await renderSvg(chart.spec) });
  const html = `${dir}/index.html`;
  const json = `${dir}/results.json`;
  writeFileAtomic(json, `${JSON.stringify(results)}\n`);
  writeFileAtomic(html, renderHtml(results, rendered));
  return { html, json, plots: rendered.length };
}
