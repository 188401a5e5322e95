import type { LabResults } from '../experiments/lab.js';
import type { Chart, Table } from './charts/index.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const SECTIONS: Array<{ prefix: string; title: string; intro: string }> = [
  {
    prefix: 'init-',
    title: '1. Initialization breaks symmetry, and its scale matters',
    intro: 'The course’s experiment: the same network and data, five ways to set the initial weights.',
  },
  {
    prefix: 'depth-',
    title: '2. Initialization for depth: vanishing and exploding signals',
    intro:
      'Variance-preserving initializations keep a deep network trainable; the wrong variance makes the signal ' +
      'shrink or grow exponentially with depth.',
  },
  {
    prefix: 'normalization-',
    title: '3. Normalizing inputs makes gradient descent fast',
    intro:
      'Subtract the mean and divide by the standard deviation, fitted on the training set only. ' +
      'Raw features on different scales, and far from zero, stretch the cost surface into a long valley: ' +
      'its Hessian’s largest eigenvalue caps the stable learning rate at about 2/λmax, and progress along the ' +
      'flattest direction then takes about κ = λmax/λmin steps. ' +
      'Standardizing makes the surface nearly round, so one large rate suits every direction.',
  },
  {
    prefix: 'gradcheck-',
    title: '4. Gradient checking finds and localizes backward-pass bugs',
    intro:
      'Two-sided differences in float64 against the analytic gradient, per parameter tensor, ' +
      'with the regularization term included and dropout frozen.',
  },
];

// On a phone (≤ 600 px) plots keep their natural size and scroll sideways in their box: scaled to
// fit 390 px, their 11 px labels shrank to about 7 px.
const CSS = [
  '',
  'body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2rem auto;' +
    'padding:0 1rem;color:#111;line-height:1.45}',
  'h1{font-size:1.6rem;margin-bottom:.2rem}' +
    'h2{font-size:1.25rem;margin-top:2.4rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}',
  '.meta{color:#555;font-size:.9rem}table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}',
  'td,th{border:1px solid #bbb;padding:.35rem .6rem;text-align:left;vertical-align:top}th{background:#eee}',
  '.ok{font-weight:600}.no{font-weight:600;text-decoration:underline}',
  '.num{text-align:right;font-variant-numeric:tabular-nums}.mono{font-family:ui-monospace,Menlo,Consolas,monospace}',
  '.verdict{font-weight:600}.verdict-fail{text-decoration:underline}.scroll{overflow-x:auto;max-width:100%}',
  '.grid{display:flex;flex-wrap:wrap;gap:1.2rem}figure{margin:0;flex:1 1 460px;max-width:100%;min-width:0}',
  'figure.small{flex:0 1 280px}figure.wide{flex:1 1 100%}figure svg{max-width:100%;height:auto}' +
    '.plot{overflow-x:auto;max-width:100%}',
  '@media (max-width:600px){.plot svg{max-width:none}}figcaption{font-size:.88rem;color:#333;margin-top:.3rem}',
  '@media print{figure{break-inside:avoid}}',
].join('\n');

/** A table shown before a figure's plot (horizontally scrollable on a narrow screen). */
function renderTable(t: Table): string {
  const head = t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const cell = (text: string, r: number, c: number) => {
    const cellClass = t.classes?.[r]?.[c];
    return `<td${cellClass ? ` class="${escapeHtml(cellClass)}"` : ''}>${escapeHtml(text)}</td>`;
  };
  const body = t.rows.map((row, r) => `<tr>${row.map((text, c) => cell(text, r, c)).join('')}</tr>`).join('');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** One self-contained page: inline CSS and SVG, no scripts, no network (enforced by its CSP). */
export function renderHtml(results: LabResults, charts: Array<Chart & { svg: string }>): string {
  const claimRows = results.claims
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.claim)}</td><td>${escapeHtml(c.measured)}</td>` +
        `<td class="${c.holds ? 'ok' : 'no'}">${c.holds ? '✓ holds' : '✗ does not hold'}</td></tr>`,
    )
    .join('\n');
  const sections = SECTIONS.map((section) => {
    const figures = charts
      .filter((c) => c.id.startsWith(section.prefix))
      .map(
        (c) =>
          `<figure class="${c.small ? 'small' : c.table ? 'wide' : ''}" id="${c.id}" data-plot="${c.id}">` +
          `<h3 style="font-size:1rem;margin:.2rem 0">${escapeHtml(c.title)}</h3>` +
          `${c.table ? renderTable(c.table) : ''}<div class="plot">${c.svg}</div>` +
          `<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`,
      )
      .join('\n');
    return (
      `<section><h2>${escapeHtml(section.title)}</h2><p>${escapeHtml(section.intro)}</p>` +
      `<div class="grid">${figures}</div></section>`
    );
  }).join('\n');
  const timing = Object.entries(results.seconds)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(', ');
  const quickNote = results.quick ? 'Quick run (smaller experiments). ' : '';
  return (
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gradlab report</title><style>${CSS}</style></head>
<body><h1>gradlab lab report</h1>
<p class="meta">${quickNote}Generated ${escapeHtml(results.createdAt)}; ${escapeHtml(timing)}. ` +
    `Every number below was measured by this run; the raw results are in results.json beside this page.</p>
<h2>Summary</h2><table><thead><tr><th>claim</th><th>measured</th><th>verdict</th></tr></thead>` +
    `<tbody>${claimRows}</tbody></table>
${sections}
</body></html>
`
  );
}
