import type { Command } from 'commander';
import { runTraining, saveTrainedModel, type NormalizeMode } from '../../pipeline/index.js';
import { ACTIVATIONS, LOSSES } from '../../nn/index.js';
import { OPTIMIZERS } from '../../optim/index.js';
import type { DType } from '../../tensor/index.js';
import { choice, fraction, integer, intList, nonNegative, positive, positiveInt, stringList } from '../parse.js';
import { fmt, pct, printJson, printLine, printTable } from '../print.js';

interface TrainFlags {
  data: string;
  label?: string;
  features?: string[];
  layers: number[];
  activation: string;
  init: string;
  loss?: string;
  l2: number;
  dropout: number;
  optimizer: string;
  lr: number;
  epochs: number;
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
    .option('--label <column>', 'label column of a CSV', 'label')
    .option('--features <a,b,...>', 'feature columns to use', stringList)
    .option('--layers <widths>', 'hidden layer widths', intList, [10, 5])
    .option('--activation <name>', `hidden activation (${ACTIVATIONS.join(', ')})`, 'relu')
    .option('--init <name>', 'weight initializer (see gradlab init --help), or auto', 'auto')
    .option('--loss <name>', `loss (${LOSSES.join(', ')}); default from the labels`)
    .option('--l2 <lambda>', 'L2 regularization λ', nonNegative, 0)
    .option('--dropout <rate>', 'dropout rate after each hidden layer', fraction, 0)
    .option('--optimizer <name>', `optimizer (${OPTIMIZERS.join(', ')})`, choice(OPTIMIZERS), 'adam')
    .option('--lr <rate>', 'learning rate', positive, 0.001)
    .option('--epochs <n>', 'epochs', positiveInt, 100)
    .option('--batch-size <n>', 'mini-batch size', positiveInt, 64)
    .option('--seed <n>', 'seed for initialization, splits, shuffling and dropout', integer, 1)
    .option('--dtype <dtype>', 'float64 or float32', choice(['float64', 'float32'] as const), 'float64')
    .option(
      '--normalize <mode>',
      'standard, minmax or none',
      choice(['standard', 'minmax', 'none'] as const),
      'standard',
    )
    .option('--validation <fraction>', 'fraction held out for validation (0 = none)', fraction, 0.2)
    .option('--save <model.json>', 'write the trained model (with its scaler) here, atomically')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress bar')
    .action((flags: TrainFlags) => {
      const { result, trained } = runTraining({
        data: flags.data,
        label: flags.label,
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
        batchSize: flags.batchSize,
        seed: flags.seed,
        dtype: flags.dtype,
        normalize: flags.normalize,
        validationSplit: flags.validation,
        quiet: flags.quiet || flags.json,
      });
      // Divergence keeps the last good parameters; they are saved so that nothing is lost.
      if (flags.save) saveTrainedModel(flags.save, trained, { dataset: result.dataset, stopReason: result.stopReason });
      if (result.stopReason === 'diverged') process.exitCode = 2;
      if (flags.json)
        return printJson({
          ...result,
          history: {
            epochs: result.history.epochs,
            stopReason: result.history.stopReason,
            message: result.history.message,
          },
        });
      printLine(
        `${result.dataset}: ${result.rows.train} training rows, ${result.rows.validation} validation rows; ${result.parameters} parameters; loss ${result.loss}`,
      );
      printTable(
        ['split', 'data loss', 'objective', 'accuracy'],
        [
          ['train', fmt(result.train.dataLoss), fmt(result.train.objective), pct(result.train.accuracy)],
          ...(result.validation
            ? [
                [
                  'validation',
                  fmt(result.validation.dataLoss),
                  fmt(result.validation.objective),
                  pct(result.validation.accuracy),
                ],
              ]
            : []),
        ],
      );
      printLine(
        `${result.epochs} epochs, ${result.steps} steps; ${result.stopReason}${result.message ? `: ${result.message}` : ''}`,
      );
      if (flags.save) printLine(`saved ${flags.save}`);
    });
}
