import type { CheckReport } from './core.js';

const fmt = (v: number) =>
  v === 0 ? '0' : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toPrecision(4);

/** A report for people: the verdict, then one line per tensor with its worst entry. */
export function formatReport(report: CheckReport): string {
  const lines = [
    `gradient check (${report.mode}, ε = ${report.epsilon.toExponential(0)}): ${report.verdict.toUpperCase()}, difference ${report.difference.toExponential(2)}`,
    `${report.evaluations} objective evaluations in ${report.seconds.toFixed(2)} s`,
  ];
  const width = Math.max(9, ...report.parameters.map((p) => p.name.length));
  lines.push(
    `${'parameter'.padEnd(width)}  ${'shape'.padEnd(10)} ${'checked'.padStart(7)}  ${'difference'.padEnd(10)}  verdict  worst entry (analytic vs numeric)`,
  );
  for (const p of report.parameters) {
    const w = p.worst[0];
    const where = w ? (w.position ? `[${w.position.join(', ')}]` : `direction ${w.index}`) : '';
    const worst = w ? `${where}: ${fmt(w.analytic)} vs ${fmt(w.numeric)}` : '';
    lines.push(
      `${p.name.padEnd(width)}  ${`[${p.shape.join(', ')}]`.padEnd(10)} ${String(p.checked).padStart(7)}  ${p.difference.toExponential(2).padEnd(10)}  ${p.verdict.padEnd(7)}  ${worst}`,
    );
  }
  lines.push(`this mode ${report.limitations}`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
