import type { TopLevelSpec } from 'vega-lite';
import type { GradcheckDemoResult } from '../../experiments/gradcheckDemo.js';
import { CONFIG, OUTCOME_FILLS, TEXT_COLOR } from '../theme.js';
import { type Chart, sci, type Table, VEGA_LITE_SCHEMA } from './common.js';

/** A CSS class for any verdict string, known or not ('inconclusive' → 'verdict-inconclusive'). */
export const verdictClass = (verdict: string) => `verdict verdict-${verdict.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
const signed = (v: number) => v.toPrecision(6);

/** Checks in time order (at initialization first), whatever order they were stored in. */
const inTimeOrder = (gc: GradcheckDemoResult) => [...gc.correct].sort((a, b) => a.step - b.step);

function correctTable(gc: GradcheckDemoResult): Table {
  const rows: string[][] = [];
  const classes: string[][] = [];
  for (const c of inTimeOrder(gc))
    for (const p of c.parameters) {
      rows.push([
        c.when,
        p.name,
        sci(p.difference),
        p.verdict,
        p.worst ? `${p.worst.index}` : '-',
        p.worst ? signed(p.worst.analytic) : '-',
        p.worst ? signed(p.worst.numeric) : '-',
      ]);
      classes.push(['', 'mono', 'num', verdictClass(p.verdict), 'num', 'num', 'num']);
    }
  return {
    headers: [
      'checked',
      'tensor',
      'relative difference',
      'verdict',
      'worst entry',
      'analytic gradient there',
      'numeric gradient there',
    ],
    rows,
    classes,
  };
}

function correctChart(gc: GradcheckDemoResult): Chart {
  const checks = inTimeOrder(gc);
  const when = checks.map((c) => c.when);
  return {
    id: 'gradcheck-correct',
    title: 'Gradient check of a correct network, per tensor',
    table: correctTable(gc),
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      width: 460,
      height: 260,
      layer: [
        {
          data: {
            values: checks.flatMap((c) =>
              c.parameters.map((p) => ({ parameter: p.name, when: c.when, difference: Math.max(p.difference, 1e-16) })),
            ),
          },
          mark: { type: 'point', filled: true, size: 90, stroke: '#000', strokeWidth: 0.6 },
          encoding: {
            x: {
              field: 'parameter',
              type: 'nominal',
              title: 'parameter tensor',
              sort: checks[0]?.parameters.map((p) => p.name),
              axis: { labelAngle: 0 },
            },
            xOffset: { field: 'when', sort: when },
            y: {
              field: 'difference',
              type: 'quantitative',
              title: ['relative difference (log)', 'analytic vs numeric gradient'],
              scale: { type: 'log', domain: [1e-12, 1] },
              axis: { format: '.0e' },
            },
            color: {
              field: 'when',
              type: 'nominal',
              title: 'checked',
              scale: { domain: when, range: ['#333333', '#bbbbbb', '#777777'] },
            },
            shape: {
              field: 'when',
              type: 'nominal',
              title: 'checked',
              scale: { domain: when, range: ['circle', 'square', 'diamond'] },
            },
          },
        },
        {
          data: {
            values: Object.entries(gc.thresholds).map(([verdict, t]) => ({ t, label: `${verdict} ≤ ${t}` })),
          },
          layer: [
            {
              mark: { type: 'rule', strokeDash: [4, 3], color: '#777777' },
              encoding: { y: { field: 't', type: 'quantitative' } },
            },
            {
              mark: { type: 'text', align: 'right', dx: -2, dy: -6, color: TEXT_COLOR, fontSize: 10 },
              encoding: { y: { field: 't', type: 'quantitative' }, x: { value: 460 }, text: { field: 'label' } },
            },
          ],
        },
      ],
    } as TopLevelSpec,
    caption:
      `See every tensor sit far below the pass line both ${when.join(' and ')}: ` +
      'the table gives each tensor’s relative difference ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) ' +
      `and its worst entry, for ${gc.network} with dropout frozen and the L2 term included ` +
      `(overall ${checks.map((c) => `${c.when} ${c.verdict} at ${sci(c.difference)}`).join(', ')}).`,
  };
}

const outcomeOf = (b: GradcheckDemoResult['bugs'][number]) =>
  b.caught && b.localized ? 'caught' : b.caught ? 'caught, blamed elsewhere' : 'missed';

function bugsChart(gc: GradcheckDemoResult): Chart {
  const full = gc.bugs.filter((b) => b.mode === 'full');
  const directional = gc.bugs.filter((b) => b.mode === 'directional');
  const evaluations = (mode: string) => gc.modes.find((m) => m.mode === mode)?.evaluations;
  const outcomes = ['caught', 'caught, blamed elsewhere', 'missed'];
  return {
    id: 'gradcheck-bugs',
    title: 'Planted bugs: outcome of the full check per tensor and bug kind',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CONFIG,
      width: 440,
      height: 240,
      data: {
        values: full.map((b) => ({
          parameter: b.parameter,
          kind: b.kind,
          outcome: outcomeOf(b),
          label: `${b.caught && !b.localized ? `→ ${b.blamed}` : b.verdict} · ${sci(b.difference)}`,
        })),
      },
      layer: [
        {
          mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
          encoding: {
            x: { field: 'kind', type: 'nominal', title: 'bug kind', axis: { labelAngle: 0 } },
            y: { field: 'parameter', type: 'nominal', title: 'tensor with the bug' },
            color: {
              field: 'outcome',
              type: 'nominal',
              title: 'outcome',
              scale: {
                domain: outcomes,
                range: [OUTCOME_FILLS.caught, OUTCOME_FILLS.elsewhere, OUTCOME_FILLS.missed],
              },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 11, color: TEXT_COLOR },
          encoding: {
            x: { field: 'kind', type: 'nominal' },
            y: { field: 'parameter', type: 'nominal' },
            text: { field: 'label' },
          },
        },
      ],
    } as TopLevelSpec,
    caption:
      'See a green cell for every planted bug that the full check fails and blames on the tensor holding it ' +
      `(${full.filter((b) => b.caught && b.localized).length} of ${full.length}; ` +
      'each cell gives the verdict and the relative difference, ' +
      'blank cells are kinds that do not apply, e.g. drop-l2 on a bias), ' +
      `while one random direction per tensor catches ${directional.filter((b) => b.caught).length} ` +
      `of ${directional.length} scale/swap/drop-l2 bugs ` +
      `for ${evaluations('directional')} evaluations instead of ${evaluations('full')}.`,
  };
}

/** Section 4: gradient checking (the table of the correct network first, then the planted bugs). */
export function gradcheckCharts(gc: GradcheckDemoResult): Chart[] {
  return [correctChart(gc), bugsChart(gc)];
}
