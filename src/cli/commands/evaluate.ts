import type { Command } from 'commander';
import type { UnknownPolicy } from '../../data/encoding.js';
import { writeCsv } from '../../node/index.js';
import { evaluateTable, loadTable, loadTrainedModel, predictTable, withLabels } from '../../pipeline/index.js';
import { stringList } from '../parse.js';
import { fmt, pct, printLine, printTable } from '../print.js';
import { parseUnknown, printNotes, printResult } from '../taskFlags.js';

interface EvalFlags {
  model: string;
  data: string;
  label?: string[];
  unknown: UnknownPolicy;
  json?: boolean;
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
    .action(
      (flags: { model: string; data: string; id?: string; unknown: UnknownPolicy; out?: string; json?: boolean }) => {
        const trained = loadTrainedModel(flags.model);
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
            predictions: predictions.rows.map((row) =>
              Object.fromEntries(predictions.header.map((h, j) => [h, row[j]])),
            ),
          });
        if (flags.out) return printLine(`wrote ${predictions.rows.length} predictions to ${flags.out}`);
        printTable(
          ['row', ...predictions.header],
          predictions.rows.slice(0, 50).map((row, i) => [i, ...row.map((v) => (typeof v === 'number' ? fmt(v) : v))]),
        );
        if (predictions.rows.length > 50)
          printLine(`… ${predictions.rows.length - 50} more rows (use --out or --json)`);
      },
    );
}
