import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/index.js';
import { writeFileAtomicStreaming } from '../../src/node/atomicWrite.js';
import { forEachTableChunk } from '../../src/node/tableChunks.js';
import { cli, scratch } from './hardeningRun.js';

// normalize apply and predict stream their file in chunks of rows (2,000 by default): files here are
// longer than a chunk, with the columns reordered and an extra one, so every chunk goes through the
// matching by name. The 200 MB measurement is in docs/performance.md (never a timed test).

const path = scratch('streaming');
const features = ['a', 'b', 'c'];
const rows = 4_501; // three chunks, the last of one row

/** Deterministic cells (an LCG), the label a function of the features so that training learns. */
function makeRows(count: number, seed: number): number[][] {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const x = [next() * 10, next() * 3 - 1, next() * 100];
    return [...x, x[0] / 10 + x[1] > 0.8 ? 1 : 0];
  });
}

const train = path('train.csv');
const big = path('big.csv');
beforeAll(() => {
  writeFileSync(
    train,
    `${[...features, 'label'].join(',')}\n${makeRows(300, 1)
      .map((r) => r.join(','))
      .join('\n')}\n`,
  );
  // Reordered (c, label, a, extra, b) and an extra column: matched by name in every chunk.
  const data = makeRows(rows, 2);
  const lines = data.map((r, i) => [r[2], r[3], r[0], `x${i}`, r[1]].join(','));
  writeFileSync(big, `c,label,a,extra,b\n${lines.join('\n')}\n`);
});

const readCsv = (file: string): string[][] => parse(readFileSync(file, 'utf8'));

describe('normalize apply streams a file longer than a chunk', () => {
  it('scales every row with the training statistics, columns matched by name, others copied', () => {
    const scaler = path('scaler.json');
    const out = path('applied.csv');
    expect(cli(['normalize', 'fit', '--data', train, '--out', scaler]).status).toBe(0);
    const r = cli(['normalize', 'apply', '--scaler', scaler, '--data', big, '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows, features: 3, columns: { reordered: true, extra: ['extra'] } });
    // Independent statistics: mean and population standard deviation of the training file.
    const trainRows = readCsv(train)
      .slice(1)
      .map((row) => row.map(Number));
    const mean = features.map((_, j) => trainRows.reduce((s, row) => s + row[j], 0) / trainRows.length);
    const std = features.map((_, j) =>
      Math.sqrt(trainRows.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / trainRows.length),
    );
    const input = readCsv(big);
    const output = readCsv(out);
    expect(output[0]).toEqual(input[0]);
    expect(output.length).toBe(rows + 1);
    const at = Object.fromEntries(input[0].map((name, i) => [name, i]));
    for (let i = 1; i <= rows; i += 250) {
      for (const [j, name] of features.entries()) {
        const expected = (Number(input[i][at[name]]) - mean[j]) / std[j];
        expect(Number(output[i][at[name]])).toBeCloseTo(expected, 9);
      }
      expect(output[i][at.label]).toBe(input[i][at.label]);
      expect(output[i][at.extra]).toBe(input[i][at.extra]);
    }
    expect(Number(output[rows][at.a])).toBeCloseTo((Number(input[rows][at.a]) - mean[0]) / std[0], 9);
  });

  it('a missing column is refused before anything is written', () => {
    const scaler = path('scaler2.json');
    const out = path('never.csv');
    expect(cli(['normalize', 'fit', '--data', train, '--out', scaler]).status).toBe(0);
    const bad = path('bad.csv');
    writeFileSync(bad, 'a,b,label\n1,2,0\n');
    const r = cli(['normalize', 'apply', '--scaler', scaler, '--data', bad, '--out', out]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("missing column 'c'");
    expect(existsSync(out)).toBe(false);
  });
});

describe('predict streams a file longer than a chunk', () => {
  const model = path('model.json');
  /** The whole-file path's --json: a Parquet --out is written whole, so that command holds every row. */
  let whole: { text: string; document: Record<string, unknown> & { header: string[]; predictions: object[] } };
  beforeAll(() => {
    const trained = cli(['train', '--data', train, '--layers', '8', '--epochs', '3', '--quiet', '--save', model]);
    expect(trained.status, trained.stderr).toBe(0);
    const r = cli(['predict', '--model', model, '--data', big, '--id', 'extra', '--out', path('p.parquet'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    whole = { text: r.stdout, document: JSON.parse(r.stdout) };
    expect(whole.document.predictions).toHaveLength(rows);
  });

  it('writes the same predictions as the whole-file path, row for row (--out)', () => {
    const out = path('predictions.csv');
    const streamed = cli(['predict', '--model', model, '--data', big, '--id', 'extra', '--out', out]);
    expect(streamed.status, streamed.stderr).toBe(0);
    expect(streamed.stdout).toContain(`wrote ${rows} predictions`);
    const expected = whole.document;
    const written = readCsv(out);
    expect(written[0]).toEqual(expected.header);
    expect(written.length - 1).toBe(expected.predictions.length);
    for (const [i, row] of written.slice(1).entries()) {
      const want = expected.predictions[i] as Record<string, string | number>;
      expect(row[0]).toBe(want.extra);
      for (const [j, name] of expected.header.entries()) if (j > 0) expect(Number(row[j])).toBe(Number(want[name]));
    }
  });

  it('streams --json as the whole-file document: equal values, rows and columns after the predictions', () => {
    const streamed = cli(['predict', '--model', model, '--data', big, '--id', 'extra', '--json']);
    expect(streamed.status, streamed.stderr).toBe(0);
    const document = JSON.parse(streamed.stdout);
    expect(document).toEqual(whole.document);
    expect(document.columns).toMatchObject({ reordered: true, extra: [] }); // extra is the --id column
    // Byte for byte the whole path's text, with `rows` and `columns` (known at the end) moved last.
    const { rows: count, columns, ...rest } = whole.document;
    expect(streamed.stdout).toBe(`${JSON.stringify({ ...rest, rows: count, columns }, null, 2)}\n`);
    expect(Object.keys(document).slice(-3)).toEqual(['predictions', 'rows', 'columns']);
  });

  it('--json with --out: the same document on stdout and the same rows in the file', () => {
    const out = path('both.csv');
    const r = cli(['predict', '--model', model, '--data', big, '--id', 'extra', '--json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(whole.document);
    expect(readCsv(out)).toHaveLength(rows + 1);
  });

  it('a bad cell in the last chunk names its line and column, and leaves no --out file', () => {
    const lines = readFileSync(big, 'utf8').trimEnd().split('\n');
    // Line 4,402 of the file is row 4,401: in the third chunk, after two chunks were written.
    const cells = lines[4_401].split(',');
    cells[2] = 'n/a';
    lines[4_401] = cells.join(',');
    const bad = path('late-bad.csv');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const out = path('late-bad-out.csv');
    for (const flags of [['--out', out], ['--out', out, '--json'], ['--json']]) {
      const r = cli(['predict', '--model', model, '--data', bad, ...flags]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${bad} line 4402, column 3 (a): 'n/a' is not a number`);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dirname(out)).filter((f) => f.includes('late-bad-out'))).toEqual([]);
    }
    const evaluated = cli(['eval', '--model', model, '--data', bad, '--json']);
    expect(evaluated.status).toBe(1);
    expect(evaluated.stderr).toContain(`${bad} line 4402, column 3 (a): 'n/a' is not a number`);
  });
});

describe('forEachTableChunk', () => {
  const file = (name: string, text: string) => {
    const p = path(name);
    writeFileSync(p, text);
    return p;
  };

  it('cuts the rows into chunks with the header and file lines of each', async () => {
    const chunks: Array<{ rows: string[][]; lines: number[]; header: string[] }> = [];
    const total = await forEachTableChunk(
      file('seven.csv', 'x, y\n1,2\n3,4\n\n5,6\n7,8\n9,10\n11,12\n13,14\n'),
      { chunkRows: 3 },
      (c) => {
        chunks.push(c);
      },
    );
    expect(total).toBe(7);
    expect(chunks.map((c) => c.rows.length)).toEqual([3, 3, 1]);
    expect(chunks[1].header).toEqual(['x', 'y']);
    expect(chunks[1].rows[0]).toEqual(['7', '8']);
    expect(chunks[0].lines).toEqual([2, 3, 5]);
  });

  it('names the line of a ragged row in a later chunk, and refuses empty or header-only files', async () => {
    const ragged = file('ragged.csv', 'x,y\n1,2\n3,4\n5,6\n7\n');
    await expect(forEachTableChunk(ragged, { chunkRows: 2 }, () => {})).rejects.toThrow(
      new DataError(`${ragged} line 5: 1 fields, the header has 2`),
    );
    await expect(forEachTableChunk(file('empty.csv', ''), {}, () => {})).rejects.toThrow('the file is empty');
    await expect(forEachTableChunk(file('head.csv', 'x,y\n'), {}, () => {})).rejects.toThrow(
      'a header but no data rows',
    );
    await expect(forEachTableChunk(file('dup.csv', 'x,x\n1,2\n'), {}, () => {})).rejects.toThrow("'x' appears twice");
    await expect(forEachTableChunk(path('absent.csv'), {}, () => {})).rejects.toThrow('cannot read: ENOENT');
  });
});

describe('writeFileAtomicStreaming', () => {
  it('leaves neither the file nor a temporary one when the producer fails midway', async () => {
    const target = path('partial.csv');
    await expect(
      writeFileAtomicStreaming(target, async (write) => {
        write('a,b\n');
        throw new DataError('bad row');
      }),
    ).rejects.toThrow('bad row');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dirname(target)).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
