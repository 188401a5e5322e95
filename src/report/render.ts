import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './charts/index.js';

const isVegaLite = (spec: ChartSpec): spec is TopLevelSpec => String(spec.$schema ?? '').includes('vega-lite');

/** Renders a Vega-Lite or Vega spec to an SVG string in Node, without a browser. */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const vegaSpec = isVegaLite(spec) ? compile(spec).spec : (spec as vega.Spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
