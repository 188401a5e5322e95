import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isRealDataset, isSyntheticDataset, mergeScalers, scalerFromJSON, type Scaler } from '../../data/index.js';
import { expandDataPaths } from '../../node/dataPaths.js';
import { forEachCsvChunk } from '../../node/csvFiles.js';
import { writeCsv } from '../../node/tableWrite.js';
import { forEachParquetChunk, isParquetPath } from '../../node/parquetFiles.js';
import { forEachTableChunk } from '../../node/tableChunks.js';
import { loadDataset } from '../../node/datasets.js';
import { writeFileAtomicStreaming } from '../../node/atomicWrite.js';
import { stringify } from 'csv-stringify/sync';
import { type ColumnMatch, matchColumns } from '../../data/columns.js';
import { encodeInputs } from '../../data/encoding.js';
import { Tensor } from '../../tensor/index.js';
import { ArgumentError, DataError, ModelFormatError } from '../../errors.js';
import { defaultContourFeatures, runNormalizationExperiment } from '../../experiments/normalization.js';
import { createScaler } from '../../pipeline/trainedModel.js';
import { writeFileAtomic } from '../../node/atomicWrite.js';
import { choice, nonNegative, positiveInt, stringList } from '../parse.js';
import { fmt, printLine, printTable } from '../print.js';
import { printNotes, printResult } from '../taskFlags.js';

function readScaler(path: string): Scaler {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelFormatError(`${path}: not a readable scaler file: ${(error as Error).message}`);
  }
  return scalerFromJSON(json);
}

export function registerNormalize(program: Command): void {
  const normalize = program
    .command('normalize')
    .description('fit scalers on training data, apply them to other data, and compare raw vs normalized training');

  normalize
    .command('fit')
    .description(
      'fit a scaler on training data: CSV or Parquet files (or a quoted glob), ' +
        'streamed chunk by chunk, so they may exceed memory',
    )
    .requiredOption(
      '--data <name|files...>',
      "training data: a bundled name, or CSV / Parquet files ('shards/*.csv' quoted is expanded by gradlab)",
    )
    .requiredOption('--out <scaler.json>', 'where to write the fitted scaler (atomically)')
    .option('--scaler <kind>', 'standard or minmax', choice(['standard', 'minmax'] as const), 'standard')
    .option('--label <column>', 'label column to leave out', 'label')
    .option('--chunk-size <rows>', 'rows per chunk when streaming', positiveInt, 10_000)
    .option('--json', 'print JSON')
    .action(
      async (flags: {
        data: string[];
        out: string;
        scaler: 'standard' | 'minmax';
        label: string;
        chunkSize: number;
        json?: boolean;
      }) => {
        let scaler: Scaler | null = null;
        let rows = 0;
        let files: string[] = [];
        const [first] = flags.data;
        if (flags.data.length === 1 && (isRealDataset(first) || isSyntheticDataset(first))) {
          const data = loadDataset(first);
          scaler = createScaler(flags.scaler, data.featureNames)!.fit(data.x);
          rows = data.x.shape[0];
        } else {
          files = expandDataPaths(flags.data);
          let columns: string[] | null = null;
          for (const file of files) {
            const options = { label: flags.label, labelOptional: true, chunkSize: flags.chunkSize };
            const onChunk = (chunk: number[][], names: string[]) => {
              if (columns && names.join('\u0000') !== columns.join('\u0000'))
                throw new DataError(
                  `${file}: feature columns ${names.join(', ')} differ from ${files[0]}'s (${columns.join(', ')}); ` +
                    'every file must have the same columns in the same order',
                );
              columns ??= names;
              scaler ??= createScaler(flags.scaler, names);
              scaler!.partialFit(chunk);
            };
            rows += isParquetPath(file)
              ? await forEachParquetChunk(file, options, onChunk)
              : await forEachCsvChunk(file, options, onChunk);
          }
        }
        const json = scaler!.toJSON();
        writeFileAtomic(flags.out, `${JSON.stringify(json, null, 2)}\n`);
        if (flags.json) return printResult('normalize.fit', { rows, files, out: flags.out, scaler: json });
        printLine(
          `fitted a ${flags.scaler} scaler on ${rows} rows` +
            `${files.length > 1 ? ` of ${files.length} files` : ''}; wrote ${flags.out}`,
        );
      },
    );

  normalize
    .command('merge')
    .description(
      'merge scalers fitted separately on disjoint rows (shards) into the scaler of all rows ' +
        '(exact: Chan et al. for standard, min/max for minmax)',
    )
    .argument('<scalers...>', 'scaler files written by normalize fit (same type, settings and features)')
    .requiredOption('--out <scaler.json>', 'where to write the merged scaler (atomically)')
    .option('--json', 'print JSON')
    .action((paths: string[], flags: { out: string; json?: boolean }) => {
      const merged = mergeScalers(paths.map((path) => ({ scaler: readScaler(path).toJSON(), source: path })));
      const json = merged.toJSON();
      writeFileAtomic(flags.out, `${JSON.stringify(json, null, 2)}\n`);
      const rows = json.type === 'standard' ? Math.max(...json.counts) : json.samplesSeen;
      if (flags.json) return printResult('normalize.merge', { scalers: paths, rows, out: flags.out, scaler: json });
      printLine(`merged ${paths.length} ${json.type} scalers (${rows} rows); wrote ${flags.out}`);
    });

  normalize
    .command('apply')
    .description("apply a fitted scaler to data (the training set's statistics, unchanged); columns by name")
    .requiredOption('--scaler <scaler.json>', 'a scaler written by normalize fit')
    .requiredOption('--data <file.csv>', 'data to transform')
    .requiredOption('--out <out.csv>', 'where to write the transformed CSV (atomically; nothing is written on error)')
    .option('--label <column>', 'label column, copied unchanged', 'label')
    .option('--json', 'print JSON')
    .action(async (flags: { scaler: string; data: string; out: string; label: string; json?: boolean }) => {
      const scaler = readScaler(flags.scaler);
      const json = scaler.toJSON();
      const names = json.featureNames;
      const width = json.type === 'standard' ? json.mean.length : json.dataMin.length;
      let match: ColumnMatch | null = null;
      let m = 0;
      // Streamed in chunks of rows (a 200 MB CSV stays under 300 MB of memory): each chunk is matched by
      // name and encoded exactly as the whole file would be. A Parquet output is written whole.
      const parquetRows: Array<Array<string | number>> | null = isParquetPath(flags.out) ? [] : null;
      let header: string[] = [];
      const writeRows = (write: (text: string) => void) =>
        forEachTableChunk(flags.data, {}, (table) => {
          const found = matchColumns(table, names, { exclude: [flags.label], count: width });
          if (!match) header = table.header;
          if (!match && !parquetRows) write(stringify([table.header]));
          match ??= found;
          const encoding = {
            columns: found.indices.map((i) => ({ name: table.header[i], kind: 'numeric' as const, mean: 0 })),
            missing: 'error' as const,
          };
          const rows = table.rows.length;
          const n = found.indices.length;
          const z = scaler.transform(new Tensor(encodeInputs(table, encoding, found.indices), [rows, n]));
          // Every column stays where it was: scaled features in place, the label and other columns copied unchanged.
          const scaledAt = new Map(found.indices.map((col, j) => [col, j]));
          const out = table.rows.map((cells, r) =>
            cells.map((cell, col) => {
              const j = scaledAt.get(col);
              return j === undefined ? cell : z.data[r * n + j];
            }),
          );
          if (parquetRows) parquetRows.push(...out);
          else write(stringify(out));
          m += rows;
        }).then(() => undefined);
      if (parquetRows) {
        await writeRows(() => {});
        writeCsv(flags.out, header, parquetRows);
      } else await writeFileAtomicStreaming(flags.out, writeRows);
      const { indices, reordered, extra, byPosition, notes } = match!;
      const n = indices.length;
      printNotes(flags.data, match!);
      if (flags.json)
        return printResult('normalize.apply', {
          rows: m,
          features: n,
          out: flags.out,
          columns: { reordered, extra, byPosition, dropped: 0, notes },
        });
      printLine(`transformed ${m} rows × ${n} features; wrote ${flags.out}`);
    });

  normalize
    .command('compare')
    .description('logistic regression by plain gradient descent on raw vs standardized features')
    .option('--data <name|file.csv>', 'a binary classification dataset', 'breast_cancer')
    .option('--steps <n>', 'gradient-descent steps per learning rate', positiveInt, 5000)
    .option('--target <cost>', 'cost to reach', nonNegative, 0.1)
    .option(
      '--features <n|a,b>',
      "2: also compute cost contours over two features' weights (or name them: a,b)",
      stringList,
    )
    .option('--json', 'print JSON')
    .option('--out <results.json>', 'write the full result (with contours) as JSON')
    .action(
      (flags: { data: string; steps: number; target: number; features?: string[]; json?: boolean; out?: string }) => {
        let contourFeatures: [string, string] | null = null;
        if (flags.features) {
          const [first, second, ...more] = flags.features;
          if (more.length > 0 || (second === undefined && first !== '2'))
            throw new ArgumentError(
              `--features: give 2 (the default pair) or two feature names a,b, got '${flags.features.join(',')}'`,
            );
          contourFeatures = second === undefined ? defaultContourFeatures(loadDataset(flags.data)) : [first, second];
        }
        const result = runNormalizationExperiment({
          data: flags.data,
          steps: flags.steps,
          target: flags.target,
          contourFeatures,
        });
        if (flags.out) writeFileAtomic(flags.out, `${JSON.stringify(result)}\n`);
        if (flags.json) return printResult('normalize.compare', result);
        printLine(
          `${result.dataset}: plain gradient descent, ` +
            `${result.steps} steps per learning rate, target cost ${result.target}`,
        );
        printTable(
          ['features', 'best stable lr', 'final cost', 'steps to target (fastest stable lr)'],
          (['raw', 'standardized'] as const).map((k) => {
            const s = result[k];
            const fastest = s.runs
              .filter((r) => r.stable && r.stepsToTarget !== null)
              .sort((a, b) => a.stepsToTarget! - b.stepsToTarget!)[0];
            return [
              k,
              fmt(s.best?.learningRate),
              fmt(s.best?.finalCost),
              fastest ? `${fastest.stepsToTarget} (lr ${fmt(fastest.learningRate)})` : `never in ${result.steps}`,
            ];
          }),
        );
        if (result.speedup)
          printLine(
            `standardized features reach the target ${result.speedup.lowerBound ? 'at least ' : ''}` +
              `${fmt(result.speedup.factor)}× faster in steps`,
          );
        if (result.contours) {
          const where = flags.out ? ` (in ${flags.out})` : ' (use --out or --json to get them)';
          printLine(`contours computed over ${result.contours[0].features.join(' and ')}${where}`);
          const kappa = result.contours.map((c) => `${c.setting} κ = ${c.conditionNumber.toPrecision(3)}`).join(', ');
          printLine(`condition number of the cost over those two weights (exact Hessian at the minimum): ${kappa}`);
        }
      },
    );
}
