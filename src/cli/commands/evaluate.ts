import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { isRealDataset, isSyntheticDataset } from '../../data/index.js';
import type { UnknownPolicy } from '../../data/encoding.js';
import { forEachTableChunk } from '../../node/tableChunks.js';
import { isParquetPath } from '../../node/parquetFiles.js';
import { writeCsv } from '../../node/tableWrite.js';
import { writeFileAtomicStreaming } from '../../node/atomicWrite.js';
import { evaluateTable, PredictionStream, predictTable, withLabels } from '../../pipeline/evaluateRun.js';
import { loadTable } from '../../pipeline/tables.js';
import { loadTrainedModel, type TrainedModel } from '../../pipeline/trainedModel.js';
import { writeStdout } from '../../node/stdoutWrite.js';
import { stringList } from '../parse.js';
import { JsonObjectWriter } from '../jsonStream.js';
import { fmt, pct, printLine, printTable } from '../print.js';
import { JSON_SCHEMA_VERSION, parseUnknown, printNotes, printResult } from '../taskFlags.js';

interface EvalFlags {
  model: string;
  data: string;
  label?: string[];
  unknown: UnknownPolicy;
  json?: boolean;
}

interface PredictFlags {
  model: string;
  data: string;
  id?: string;
  unknown: UnknownPolicy;
  out?: string;
  json?: boolean;
}

/** Rows `predict` prints as a table (the rest go to --out or --json). */
const SHOWN_ROWS = 50;

function printPredictions(header: string[], rows: Array<Array<string | number>>, total: number): void {
  printTable(
    ['row', ...header],
    rows.slice(0, SHOWN_ROWS).map((row, i) => [i, ...row.map((v) => (typeof v === 'number' ? fmt(v) : v))]),
  );
  if (total > SHOWN_ROWS) printLine(`… ${total - SHOWN_ROWS} more rows (use --out or --json)`);
}

/** One prediction row as the object --json prints, keyed by the header. */
function predictionObject(header: string[], row: Array<string | number>): Record<string, string | number> {
  return Object.fromEntries(header.map((h, j) => [h, row[j]]));
}

/**
 * `predict` on a CSV file, read and written in chunks of rows: memory stays bounded by a chunk (a
 * 200 MB CSV under 300 MB; docs/performance.md), and the predictions equal the whole file's. With
 * --json the document streams too: `rows` and `columns`, known only at the end, follow `predictions`.
 */
async function predictStreaming(trained: TrainedModel, flags: PredictFlags): Promise<void> {
  const stream = new PredictionStream(trained, { id: flags.id, unknown: flags.unknown });
  let header: string[] | null = null;
  const shown: Array<Array<string | number>> = [];
  let pending = '';
  const json = flags.json
    ? new JsonObjectWriter((text) => {
        pending += text;
      })
    : null;
  const read = (write: (text: string) => void) =>
    forEachTableChunk(flags.data, {}, async (chunk) => {
      const predictions = stream.add(chunk);
      if (!header) {
        header = predictions.header;
        if (flags.out) write(stringify([header]));
        json?.fields({
          schema: 'gradlab.predict',
          schemaVersion: JSON_SCHEMA_VERSION,
          model: flags.model,
          data: flags.data,
          task: trained.task,
          classes: trained.classes,
          labels: trained.labels,
          header,
        });
        json?.openArray('predictions');
      }
      if (flags.out) write(stringify(predictions.rows));
      if (json) {
        for (const row of predictions.rows) json.item(predictionObject(header, row));
        await writeStdout(pending);
        pending = '';
      } else for (const row of predictions.rows) if (shown.length < SHOWN_ROWS) shown.push(row);
    }).then(() => undefined);
  if (flags.out) await writeFileAtomicStreaming(flags.out, read);
  else await read(() => {});
  printNotes(flags.data, stream.columns);
  if (json) {
    json.closeArray();
    json.fields({ rows: stream.rows, columns: stream.columns });
    json.end();
    return writeStdout(pending);
  }
  if (flags.out) return printLine(`wrote ${stream.rows} predictions to ${flags.out}`);
  printPredictions(header!, shown, stream.rows);
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description("evaluate a saved model on data: columns by name, labels from the model, the model's scalers applied")
    .requiredOption('--model <model.json>', 'a model file written by gradlab train')
    .requiredOption('--data <name|file.csv>', 'dataset name or CSV path')
    .option(
      '--label <column[,column...]>',
      "the label column(s), if this file names them otherwise than the model's",
      stringList,
    )
    .option(
      '--unknown <policy>',
      'a category not seen in training: error, or ignore (encoded as none)',
      parseUnknown,
      'error',
    )
    .option('--json', 'print JSON (every metric)')
    .action((flags: EvalFlags) => {
      const trained = withLabels(loadTrainedModel(flags.model), flags.label);
      const { table } = loadTable(flags.data);
      const result = evaluateTable(trained, table, { unknown: flags.unknown });
      printNotes(flags.data, result.columns);
      if (flags.json) return printResult('eval', { model: flags.model, data: flags.data, ...result });
      printLine(
        `${flags.data}: ${result.rows} rows; ${result.task} of ${result.labels.join(', ')}; loss ${result.loss}`,
      );
      const c = result.classification;
      if (c) {
        printTable(
          ['rows', 'accuracy', 'log-loss', 'macro precision', 'macro recall', 'macro F1'],
          [[c.rows, pct(c.accuracy), fmt(c.logLoss), fmt(c.macro.precision), fmt(c.macro.recall), fmt(c.macro.f1)]],
        );
        printTable(
          ['class', 'precision', 'recall', 'F1', 'support'],
          c.perClass.map((k) => [k.class, fmt(k.precision), fmt(k.recall), fmt(k.f1), k.support]),
        );
        printLine('confusion matrix (rows: true class, columns: predicted)');
        printTable(
          ['', ...c.classes.map(String)],
          c.confusionMatrix.map((row, i) => [String(c.classes[i]), ...row]),
        );
      }
      const r = result.regression;
      if (r)
        printTable(
          ['target', 'RMSE', 'MAE', 'R²'],
          [
            ...r.perTarget.map((t) => [t.target, fmt(t.rmse), fmt(t.mae), fmt(t.r2)]),
            ...(r.perTarget.length > 1
              ? [['average', fmt(r.average.rmse), fmt(r.average.mae), fmt(r.average.r2)]]
              : []),
          ],
        );
    });

  program
    .command('predict')
    .description('predict with a saved model (columns by name; a label column is ignored): a CSV, JSON or a table')
    .requiredOption('--model <model.json>', 'a model file written by gradlab train')
    .requiredOption('--data <name|file.csv>', 'dataset name or CSV path')
    .option('--id <column>', 'copy this column into the predictions, so they join back to the input')
    .option(
      '--unknown <policy>',
      'a category not seen in training: error, or ignore (encoded as none)',
      parseUnknown,
      'error',
    )
    .option('--out <predictions.csv>', 'write predictions here (atomically), full precision')
    .option('--json', 'print JSON')
    .action(async (flags: PredictFlags) => {
      const trained = loadTrainedModel(flags.model);
      const bundled = isRealDataset(flags.data) || isSyntheticDataset(flags.data);
      // A Parquet output is written whole (writeCsv writes it); CSV output streams.
      const parquetOut = flags.out !== undefined && isParquetPath(flags.out);
      if (!bundled && !parquetOut && existsSync(flags.data)) return predictStreaming(trained, flags);
      const { table } = loadTable(flags.data);
      const predictions = predictTable(trained, table, { id: flags.id, unknown: flags.unknown });
      printNotes(flags.data, predictions.columns);
      if (flags.out) writeCsv(flags.out, predictions.header, predictions.rows);
      if (flags.json)
        return printResult('predict', {
          model: flags.model,
          data: flags.data,
          task: trained.task,
          classes: trained.classes,
          labels: trained.labels,
          rows: predictions.rows.length,
          columns: predictions.columns,
          header: predictions.header,
          predictions: predictions.rows.map((row) => predictionObject(predictions.header, row)),
        });
      if (flags.out) return printLine(`wrote ${predictions.rows.length} predictions to ${flags.out}`);
      printPredictions(predictions.header, predictions.rows, predictions.rows.length);
    });
}
