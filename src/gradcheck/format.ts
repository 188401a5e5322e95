import type { CheckReport } from './core.js';

const fmt = (v: number) =>
  v === 0 ? '0' : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toPrecision(4);
const sci = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? v.toExponential(1) : String(v));

/**
 * A report for people: the verdict, then one line per tensor with the smallest relative error it could
 * have detected and its worst entry, then the reasons of inconclusive tensors.
 */
export function formatReport(report: CheckReport): string {
  const epsilon = report.epsilon === 'auto' ? 'auto' : sci(report.epsilon);
  const lines = [
    `gradient check (${report.mode}, ε = ${epsilon}): ${report.verdict.toUpperCase()}, ` +
      `difference ${report.difference.toExponential(2)}`,
    `${report.evaluations} objective evaluations (${report.errorEvaluations} of them estimating errors) ` +
      `in ${report.seconds.toFixed(2)} s`,
  ];
  const width = Math.max(9, ...report.parameters.map((p) => p.name.length));
  const stepColumn = report.epsilon === 'auto';
  const stepHeader = stepColumn ? `${'ε'.padEnd(7)}  ` : '';
  lines.push(
    `${'parameter'.padEnd(width)}  ${'shape'.padEnd(10)} ${'checked'.padStart(7)}  ${stepHeader}` +
      `${'difference'.padEnd(10)}  ${'detectable'.padEnd(10)}  ${'verdict'.padEnd(12)}  ` +
      'worst entry (analytic vs numeric)',
  );
  for (const p of report.parameters) {
    const w = p.worst[0];
    const where = w ? (w.position ? `[${w.position.join(', ')}]` : `direction ${w.index}`) : '';
    const worst = w ? `${where}: ${fmt(w.analytic)} vs ${fmt(w.numeric)}` : '';
    const shape = `[${p.shape.join(', ')}]`;
    const step = stepColumn ? `${sci(p.epsilon).padEnd(7)}  ` : '';
    lines.push(
      `${p.name.padEnd(width)}  ${shape.padEnd(10)} ${String(p.checked).padStart(7)}  ${step}` +
        `${p.difference.toExponential(2).padEnd(10)}  ${sci(p.detectableError).padEnd(10)}  ` +
        `${p.verdict.padEnd(12)}  ${worst}`,
    );
  }
  lines.push(`this mode ${report.limitations}`);
  lines.push(
    'detectable: the smallest relative error ‖a − g‖/‖g‖ the check could have seen at its ε ' +
      '(— where the gradient is 0).',
  );
  for (const p of report.parameters) if (p.reason) lines.push(`${p.verdict} ${p.name}: ${p.reason}.`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
