import type { LabResults } from '../../experiments/lab.js';
import type { Chart } from './common.js';
import { depthCharts } from './depth.js';
import { gradcheckCharts } from './gradcheck.js';
import { initializationCharts } from './initialization.js';
import { normalizationCharts } from './normalization.js';

export type { Chart, ChartSpec, Table } from './common.js';
export { verdictClass } from './gradcheck.js';

/** Every plot of the report, from the lab's plain JSON results, section by section. */
export function buildCharts(r: LabResults): Chart[] {
  return [
    ...initializationCharts(r.compareInit),
    ...depthCharts(r.depth, r.linearDepth),
    ...normalizationCharts(r.normalization),
    ...gradcheckCharts(r.gradcheck),
  ];
}
