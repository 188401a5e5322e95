import type { Diagnosis } from './diagnose.js';
import type { LayerStatistics } from './statistics.js';

const cell = (v: number | null) => {
  if (v === null) return '–';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(3)).toString();
};
const percent = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(0)}%`);

/** The per-layer table, the findings and the suggestion as plain text (for terminals and logs). */
export function formatDiagnosis(layers: readonly LayerStatistics[], diagnosis: Diagnosis): string {
  const header = ['layer', 'activation', 'units', 'init', 'z rms', 'a std', 'saturated', 'dead', 'grad rms', '‖g‖/‖W‖'];
  const rows = layers.map((s) => [
    String(s.layer),
    s.activation,
    String(s.units),
    s.init,
    cell(s.preActivationRms),
    cell(s.activationStd),
    percent(s.saturatedFraction),
    percent(s.deadFraction),
    cell(s.gradientRms),
    cell(s.gradientToWeight),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => v.padStart(widths[c])).join('  ');
  const out = [line(header), ...rows.map(line), ''];
  // "Healthy" means no rule fired, not that nothing changed: the table above shows every layer's scale.
  if (diagnosis.healthy)
    out.push('no finding: no rule fired (thresholds: docs/diagnostics.md); the table shows each layer');
  for (const f of diagnosis.findings) out.push(`${f.kind}: ${f.message}`);
  if (diagnosis.suggestion) out.push('', `suggestion: ${diagnosis.suggestion}`);
  return out.join('\n');
}
