import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isRealDataset, isSyntheticDataset, scalerFromJSON, type Scaler } from '../../data/index.js';
import { forEachCsvChunk, loadDataset, readCsv, writeCsv } from '../../node/index.js';
import { ModelFormatError } from '../../errors.js';
import { defaultContourFeatures, runNormalizationExperiment } from '../../experiments/index.js';
import { createScaler } from '../../pipeline/index.js';
import { writeFileAtomic } from '../../node/atomicWrite.js';
import { choice, nonNegative, positiveInt, stringList } from '../parse.js';
import { fmt, printJson, printLine, printTable } from '../print.js';

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
    .description('fit a scaler on training data (a CSV is streamed in chunks, so it may exceed memory)')
    .requiredOption('--data <name|train.csv>', 'training data')
    .requiredOption('--out <scaler.json>', 'where to write the fitted scaler (atomically)')
    .option('--scaler <kind>', 'standard or minmax', choice(['standard', 'minmax'] as const), 'standard')
    .option('--label <column>', 'label column to leave out', 'label')
    .option('--chunk-size <rows>', 'rows per chunk when streaming', positiveInt, 10_000)
    .option('--json', 'print JSON')
    .action(
      async (flags: {
        data: string;
        out: string;
        scaler: 'standard' | 'minmax';
        label: string;
        chunkSize: number;
        json?: boolean;
      }) => {
        let scaler: Scaler | null = null;
        let rows = 0;
        if (isRealDataset(flags.data) || isSyntheticDataset(flags.data)) {
          const data = loadDataset(flags.data);
          scaler = createScaler(flags.scaler, data.featureNames)!.fit(data.x);
          rows = data.x.shape[0];
        } else {
          rows = await forEachCsvChunk(
            flags.data,
            { label: flags.label, labelOptional: true, chunkSize: flags.chunkSize },
            (chunk, names) => {
              scaler ??= createScaler(flags.scaler, names);
              scaler!.partialFit(chunk);
            },
          );
        }
        const json = scaler!.toJSON();
        writeFileAtomic(flags.out, `${JSON.stringify(json, null, 2)}\n`);
        if (flags.json) return printJson({ rows, scaler: json });
        printLine(`fitted a ${flags.scaler} scaler on ${rows} rows; wrote ${flags.out}`);
      },
    );

  normalize
    .command('apply')
    .description("apply a fitted scaler to data (the training set's statistics, unchanged)")
    .requiredOption('--scaler <scaler.json>', 'a scaler written by normalize fit')
    .requiredOption('--data <file.csv>', 'data to transform')
    .requiredOption('--out <out.csv>', 'where to write the transformed CSV (atomically; nothing is written on error)')
    .option('--label <column>', 'label column, copied unchanged', 'label')
    .action((flags: { scaler: string; data: string; out: string; label: string }) => {
      const scaler = readScaler(flags.scaler);
      const data = readCsv(flags.data, { label: flags.label, labelOptional: true, labelKind: 'value' });
      const z = scaler.transform(data.x);
      const [m, n] = z.shape;
      const hasLabel = data.y.size === m;
      const rows = Array.from({ length: m }, (_, r) => {
        const row: Array<string | number> = Array.from(z.data.subarray(r * n, (r + 1) * n));
        if (hasLabel) row.push(data.y.data[r]);
        return row;
      });
      writeCsv(flags.out, hasLabel ? [...data.featureNames, flags.label] : data.featureNames, rows);
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
          contourFeatures =
            flags.features.length === 2
              ? [flags.features[0], flags.features[1]]
              : defaultContourFeatures(loadDataset(flags.data));
        }
        const result = runNormalizationExperiment({
          data: flags.data,
          steps: flags.steps,
          target: flags.target,
          contourFeatures,
        });
        if (flags.out) writeFileAtomic(flags.out, `${JSON.stringify(result)}\n`);
        if (flags.json) return printJson(result);
        printLine(
          `${result.dataset}: plain gradient descent, ${result.steps} steps per learning rate, target cost ${result.target}`,
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
            `standardized features reach the target ${result.speedup.lowerBound ? 'at least ' : ''}${fmt(result.speedup.factor)}× faster in steps`,
          );
        if (result.contours)
          printLine(
            `contours computed over ${result.contours[0].features.join(' and ')}${flags.out ? ` (in ${flags.out})` : ' (use --out or --json to get them)'}`,
          );
      },
    );
}
