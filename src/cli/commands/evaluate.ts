import type { Command } from 'commander';
import { loadDataset, writeCsv } from '../../node/index.js';
import { evaluateTrained, loadTrainedModel, predictTrained } from '../../pipeline/index.js';
import { fmt, pct, printJson, printLine, printTable } from '../print.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description("evaluate a saved model on data (the model's own scaler is applied)")
    .requiredOption('--model <model.json>', 'a model file written by gradlab train')
    .requiredOption('--data <name|file.csv>', 'dataset name or CSV path')
    .option('--label <column>', 'label column of a CSV', 'label')
    .option('--json', 'print JSON')
    .action((flags: { model: string; data: string; label: string; json?: boolean }) => {
      const trained = loadTrainedModel(flags.model);
      const data = loadDataset(flags.data, { label: flags.label, classes: trained.classes });
      const result = { model: flags.model, data: flags.data, loss: trained.loss, ...evaluateTrained(trained, data) };
      if (flags.json) return printJson(result);
      printTable(
        ['rows', 'data loss', 'objective', 'accuracy'],
        [[result.rows, fmt(result.dataLoss), fmt(result.objective), pct(result.accuracy)]],
      );
    });

  program
    .command('predict')
    .description('predict with a saved model; writes a CSV of predictions (atomically) or prints them')
    .requiredOption('--model <model.json>', 'a model file written by gradlab train')
    .requiredOption('--data <name|file.csv>', 'dataset name or CSV path (a label column is ignored if present)')
    .option('--label <column>', 'label column to ignore, if present', 'label')
    .option('--out <predictions.csv>', 'write predictions here')
    .option('--json', 'print JSON')
    .action((flags: { model: string; data: string; label: string; out?: string; json?: boolean }) => {
      const trained = loadTrainedModel(flags.model);
      const data = loadDataset(flags.data, { label: flags.label, labelOptional: true });
      const rows = predictTrained(trained, data.x);
      if (flags.out) {
        writeCsv(
          flags.out,
          ['prediction', 'probability'],
          rows.map((r) => [r.prediction, r.probability ?? '']),
        );
        printLine(`wrote ${rows.length} predictions to ${flags.out}`);
      } else if (flags.json) printJson(rows);
      else
        printTable(
          ['row', 'prediction', 'probability'],
          rows.slice(0, 50).map((r, i) => [i, r.prediction, fmt(r.probability)]),
        );
    });
}
