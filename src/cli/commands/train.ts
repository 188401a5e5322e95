import type { Command } from 'commander';
import type { MissingPolicy } from '../../data/encoding.js';
import type { TaskKind } from '../../data/task.js';
import {
  type FitReport,
  type NormalizeMode,
  runTraining,
  saveTrainedModel,
  TASK_DEFAULTS,
  TRAIN_DEFAULTS,
} from '../../pipeline/index.js';
import { ACTIVATIONS, LOSSES } from '../../nn/index.js';
import { OPTIMIZERS } from '../../optim/index.js';
import type { DType } from '../../tensor/index.js';
import {
  choice,
  fraction,
  integer,
  intList,
  nonNegative,
  nonNegativeInt,
  positive,
  positiveInt,
  stringList,
} from '../parse.js';
import { fmt, pct, printLine, printTable } from '../print.js';
import { commandLine, parseMissing, parseTask, printResult } from '../taskFlags.js';

interface TrainFlags {
  data: string;
  label: string[];
  task?: TaskKind;
  positive?: string;
  missing: MissingPolicy;
  categorical?: string[];
  features?: string[];
  layers: number[];
  activation: string;
  init: string;
  loss?: string;
  l2?: number;
  dropout: number;
  optimizer: string;
  lr: number;
  epochs?: number;
  patience?: number;
  batchSize: number;
  seed: number;
  dtype: DType;
  normalize: NormalizeMode;
  validation: number;
  save?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train an MLP on a bundled dataset or a CSV (scaler fitted on the training split only)')
    .requiredOption('--data <name|file.csv>', 'dataset name (gradlab datasets) or CSV path')
    .option('--label <column[,column...]>', 'label column(s); several mean multi-target regression', stringList, [
      'label',
    ])
    .option('--task <task>', 'classification or regression (default: inferred from the loss and the labels)', parseTask)
    .option('--positive <class>', 'binary classification: the positive class (default: the second in sorted order)')
    .option(
      '--missing <policy>',
      'empty cells: error, drop (the row) or mean (training mean)',
      parseMissing,
      TRAIN_DEFAULTS.missing,
    )
    .option('--categorical <a,b,...>', 'text columns to one-hot encode (training categories are stored)', stringList)
    .option('--features <a,b,...>', 'feature columns to use', stringList)
    .option('--layers <widths>', 'hidden layer widths', intList, [...TRAIN_DEFAULTS.layers])
    .option('--activation <name>', `hidden activation (${ACTIVATIONS.join(', ')})`, TRAIN_DEFAULTS.activation)
    .option('--init <name>', 'weight initializer (see gradlab init --help), or auto', TRAIN_DEFAULTS.init)
    .option('--loss <name>', `loss (${LOSSES.join(', ')}); default from the task`)
    .option(
      '--l2 <lambda>',
      `L2 regularization λ (default: ${TASK_DEFAULTS.classification.l2} for classification, ${TASK_DEFAULTS.regression.l2} for regression)`,
      nonNegative,
    )
    .option('--dropout <rate>', `dropout rate after each hidden layer (default: ${TRAIN_DEFAULTS.dropout})`, fraction)
    .option(
      '--optimizer <name>',
      `optimizer (${OPTIMIZERS.join(', ')}; default: ${TRAIN_DEFAULTS.optimizer})`,
      choice(OPTIMIZERS),
    )
    .option('--lr <rate>', `learning rate (default: ${TRAIN_DEFAULTS.learningRate})`, positive)
    .option(
      '--epochs <n>',
      `epochs (default: ${TASK_DEFAULTS.classification.epochs} for classification, ${TASK_DEFAULTS.regression.epochs} for regression)`,
      positiveInt,
    )
    .option(
      '--patience <epochs>',
      `stop when the validation loss has not improved for this many epochs, keeping the best weights; 0 = never (default: ${TASK_DEFAULTS.classification.patience} for classification, ${TASK_DEFAULTS.regression.patience} for regression)`,
      nonNegativeInt,
    )
    .option('--batch-size <n>', 'mini-batch size', positiveInt, TRAIN_DEFAULTS.batchSize)
    .option('--seed <n>', 'seed for initialization, splits, shuffling and dropout', integer, TRAIN_DEFAULTS.seed)
    .option('--dtype <dtype>', 'float64 or float32', choice(['float64', 'float32'] as const), TRAIN_DEFAULTS.dtype)
    .option(
      '--normalize <mode>',
      'standard, minmax or none',
      choice(['standard', 'minmax', 'none'] as const),
      TRAIN_DEFAULTS.normalize,
    )
    .option(
      '--validation <fraction>',
      'fraction held out for validation (0 = none)',
      fraction,
      TRAIN_DEFAULTS.validationSplit,
    )
    .option('--save <model.json>', 'write the trained model (with its scaler) here, atomically')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress bar')
    .action((flags: TrainFlags, command: Command) => {
      const { result, trained } = runTraining({
        data: flags.data,
        label: flags.label,
        task: flags.task,
        positive: flags.positive,
        missing: flags.missing,
        categorical: flags.categorical,
        commandLine: commandLine(command),
        features: flags.features,
        layers: flags.layers,
        activation: flags.activation,
        init: flags.init,
        loss: flags.loss,
        l2: flags.l2,
        dropout: flags.dropout,
        optimizer: flags.optimizer,
        learningRate: flags.lr,
        epochs: flags.epochs,
        patience: flags.patience,
        batchSize: flags.batchSize,
        seed: flags.seed,
        dtype: flags.dtype,
        normalize: flags.normalize,
        validationSplit: flags.validation,
        quiet: flags.quiet || flags.json,
      });
      // Divergence puts back the best epoch's parameters: they are saved, so nothing is lost (exit 2 says
      // it diverged). When no step ever had a finite cost there is nothing worth keeping: nothing is saved.
      const nothingToKeep = result.stopReason === 'diverged' && result.history.finiteCostSeen === false;
      if (flags.save && !nothingToKeep)
        saveTrainedModel(flags.save, trained, { dataset: result.dataset, stopReason: result.stopReason });
      if (result.stopReason === 'diverged') {
        process.exitCode = 2;
        // fit has said why on stderr unless quiet; say it here then, and what was (not) written.
        if (flags.quiet || flags.json) process.stderr.write(`gradlab: ${result.message}\n`);
        if (nothingToKeep && flags.save) process.stderr.write(`gradlab: ${flags.save} was not written\n`);
      }
      if (flags.json)
        return printResult('train', {
          ...result,
          history: {
            epochs: result.history.epochs,
            stopReason: result.history.stopReason,
            message: result.history.message,
          },
        });
      printLine(
        `${result.dataset}: ${result.task} of ${result.labels.join(', ')}${result.classes ? ` (classes ${result.classes.join(', ')})` : ''}; ${result.rows.train} training rows, ${result.rows.validation} validation rows${result.rows.dropped ? `, ${result.rows.dropped} dropped` : ''}; ${result.parameters} parameters; loss ${result.loss}`,
      );
      const splits: Array<[string, FitReport]> = [['train', result.train]];
      if (result.validation) splits.push(['validation', result.validation]);
      if (result.task === 'classification')
        printTable(
          ['split', 'data loss', 'objective', 'accuracy', 'log-loss', 'macro F1'],
          splits.map(([name, r]) => [
            name,
            fmt(r.dataLoss),
            fmt(r.objective),
            pct(r.accuracy),
            fmt(r.classification?.logLoss),
            fmt(r.classification?.macro.f1),
          ]),
        );
      else
        printTable(
          ['split', 'data loss (standardized)', 'RMSE', 'MAE', 'R²'],
          splits.map(([name, r]) => [
            name,
            fmt(r.dataLoss),
            fmt(r.regression?.average.rmse),
            fmt(r.regression?.average.mae),
            fmt(r.regression?.average.r2),
          ]),
        );
      printLine(
        `${result.epochs} epochs, ${result.steps} steps; ${result.stopReason}${result.message ? `: ${result.message}` : ''}`,
      );
      if (flags.save) printLine(`saved ${flags.save}`);
    });
}
