import { describe, expect, it } from 'vitest';
import { reportedHiddenLayers } from '../../src/cli/commands/init.js';
import { fmt } from '../../src/cli/print.js';
import { run } from './run.js';

/** The cells of each row of a cli-table3 table (header first). */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('gradlab depth: the table headers match its columns at every depth', () => {
  it('--layers 1, 2, 3 (the reported inputs) and deeper: each "act std Lk" is hidden layer k, once', async () => {
    for (const layers of [1, 2, 3, 4, 5, 7]) {
      const args = ['depth', '--layers', String(layers), '--width', '4', '--epochs', '1', '--inits', 'heNormal'];
      const result = JSON.parse(await run([...args, '--json']));
      const [header, row, ...rest] = tableRows(await run(args));
      expect(rest).toEqual([]);
      expect(row).toHaveLength(header.length);
      const shown = header.filter((h) => h.startsWith('act std L')).map((h) => Number(h.slice('act std L'.length)));
      // Distinct, increasing, and only layers the network has (layers − 1 hidden ones).
      expect(shown).toEqual([...new Set(shown)].sort((a, b) => a - b));
      expect(shown.every((k) => k >= 1 && k <= layers - 1)).toBe(true);
      if (layers > 1) expect(shown[0]).toBe(1);
      if (layers > 1) expect(shown.at(-1)).toBe(layers - 1);
      const activationStd: number[] = result.schemes[0].activationStd;
      expect(activationStd).toHaveLength(layers - 1);
      for (const k of shown) expect(row[header.indexOf(`act std L${k}`)]).toBe(fmt(activationStd[k - 1]));
      expect(row).not.toContain('-');
    }
  });

  it('the picks: first, a third, two thirds, last; never out of range', () => {
    expect(reportedHiddenLayers(0)).toEqual([]);
    expect(reportedHiddenLayers(1)).toEqual([0]);
    expect(reportedHiddenLayers(2)).toEqual([0, 1]);
    expect(reportedHiddenLayers(3)).toEqual([0, 1, 2]);
    expect(reportedHiddenLayers(9)).toEqual([0, 3, 5, 8]);
    expect(reportedHiddenLayers(29)).toEqual([0, 9, 19, 28]);
    for (let hidden = 0; hidden < 40; hidden++) {
      const picks = reportedHiddenLayers(hidden);
      expect(picks.every((p) => Number.isInteger(p) && p >= 0 && p < hidden)).toBe(true);
      expect(picks.length).toBe(Math.min(hidden, 4));
    }
  });
});
