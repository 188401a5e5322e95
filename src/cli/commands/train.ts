import { type Command, Option } from 'commander';
import type { MissingPolicy } from '../../data/encoding.js';
import type { TaskKind } from '../../data/task.js';
import type { FitReport } from '../../pipeline/fitReport.js';
import { loadCheckpoint } from '../../pipeline/trainResume.js';
import { type NormalizeMode, saveTrainedModel } from '../../pipeline/trainedModel.js';
import { TASK_DEFAULTS, TRAIN_DEFAULTS } from '../../pipeline/trainDefaults.js';
import { runTraining, type TrainRunOptions, trainingMeta, writeHistoryCsv } from '../../pipeline/trainRun.js';
import { SCHEDULES, type ScheduleSpec } from '../../pipeline/trainSchedule.js';
import { ArgumentError } from '../../errors.js';
import { isParquetPath, preloadParquet } from '../../node/parquetFiles.js';
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
  data?: string;
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
  earlyStoppingPatience?: number;
  schedule?: (typeof SCHEDULES)[number];
  stepSize?: number;
  gamma?: number;
  decayRate?: number;
  checkpointEvery?: number;
  checkpoint?: string;
  resume?: string;
  history?: string;
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
    .option(
      '--data <name|file>',
      "dataset name (gradlab datasets), CSV or Parquet path (required unless --resume, which reuses the checkpoint's)",
    )
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
      `L2 regularization λ (default: ${TASK_DEFAULTS.classification.l2} for classification, ` +
        `${TASK_DEFAULTS.regression.l2} for regression)`,
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
      `epochs (default: ${TASK_DEFAULTS.classification.epochs} for classification, ` +
        `${TASK_DEFAULTS.regression.epochs} for regression)`,
      positiveInt,
    )
    .option(
      '--early-stopping-patience <epochs>',
      'stop when the validation loss has not improved for this many epochs, keeping the best weights; ' +
        `0 = never (default: ${TASK_DEFAULTS.classification.patience} for classification, ` +
        `${TASK_DEFAULTS.regression.patience} for regression)`,
      nonNegativeInt,
    )
    .addOption(
      new Option('--patience <epochs>', 'former name of --early-stopping-patience')
        .argParser(nonNegativeInt)
        .hideHelp(),
    )
    .option(
      '--schedule <name>',
      'learning-rate schedule: step (--step-size, --gamma), exponential (--gamma) ' +
        'or inverseTime (--decay-rate); default: constant',
      choice(SCHEDULES),
    )
    .option('--step-size <epochs>', 'step schedule: multiply the rate by --gamma every this many epochs', positiveInt)
    .option('--gamma <factor>', 'step / exponential schedule: the factor (step default 0.1)', positive)
    .option('--decay-rate <rate>', 'inverseTime schedule: α = α₀ / (1 + rate·epoch)', nonNegative)
    .option(
      '--checkpoint-every <epochs>',
      'every this many epochs (and at the last), write the model with its training state to --checkpoint ' +
        '(default: the --save path), atomically',
      positiveInt,
    )
    .option('--checkpoint <model.json>', 'where --checkpoint-every writes (default: the --save path)')
    .option(
      '--resume <model.json>',
      'continue a checkpoint bit for bit with its stored settings ' +
        '(other flags must match them; --epochs may change the total)',
    )
    .option('--history <file.csv>', 'write the per-epoch records (loss, validation, learning rate) as CSV, atomically')
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
    .action(async (flags: TrainFlags, command: Command) => {
      const checkpoint = flags.resume ? loadCheckpoint(flags.resume) : undefined;
      // A resumed run's data may come from its checkpoint, which the command's Parquet preloading did not see.
      if (!flags.data && checkpoint && isParquetPath(checkpoint.settings.data))
        await preloadParquet(checkpoint.settings.data);
      if (!flags.data && !checkpoint) throw new ArgumentError("required option '--data <name|file>' not specified");
      if (flags.patience !== undefined && flags.earlyStoppingPatience !== undefined)
        throw new ArgumentError('--patience is the former name of --early-stopping-patience: give one');
      const checkpointPath = flags.checkpoint ?? flags.save;
      if (flags.checkpointEvery !== undefined && !checkpointPath)
        throw new ArgumentError(
          '--checkpoint-every needs a file to write: --checkpoint <model.json> or --save <model.json>',
        );
      if (flags.checkpoint && flags.checkpointEvery === undefined)
        throw new ArgumentError(
          '--checkpoint names where --checkpoint-every writes: give --checkpoint-every <epochs> too',
        );
      const all: TrainRunOptions = {
        data: flags.data ?? checkpoint!.settings.data,
        label: flags.label,
        task: flags.task,
        positive: flags.positive,
        missing: flags.missing,
        categorical: flags.categorical,
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
        patience: flags.earlyStoppingPatience ?? flags.patience,
        batchSize: flags.batchSize,
        seed: flags.seed,
        dtype: flags.dtype,
        normalize: flags.normalize,
        validationSplit: flags.validation,
        schedule: scheduleOf(flags),
      };
      // Resuming: only the flags the user typed are compared with the checkpoint's settings (defaults are not choices).
      const typed = (flag: string) => command.getOptionValueSource(flag) === 'cli';
      const options: TrainRunOptions = checkpoint
        ? (Object.fromEntries(
            Object.entries(all).filter(
              ([key]) =>
                key === 'data' ||
                key === 'schedule' ||
                typed(FLAG_OF[key] ?? key) ||
                (key === 'patience' && typed('patience')),
            ),
          ) as TrainRunOptions)
        : all;
      const { result, trained } = runTraining({
        ...options,
        resume: checkpoint,
        checkpoint: flags.checkpointEvery ? { every: flags.checkpointEvery, path: checkpointPath! } : undefined,
        commandLine: commandLine(command),
        quiet: flags.quiet || flags.json,
        // On stderr, before training, even with --json or --quiet (the --json result lists them too).
        onWarning: (message) => process.stderr.write(`gradlab: warning: ${message}\n`),
      });
      if (flags.history) writeHistoryCsv(flags.history, result.history);
      // Divergence puts back the best epoch's parameters: they are saved, so nothing is lost (exit 2 says
      // it diverged). When no step ever had a finite cost there is nothing worth keeping: nothing is saved.
      const nothingToKeep = result.stopReason === 'diverged' && result.history.finiteCostSeen === false;
      if (flags.save && !nothingToKeep)
        saveTrainedModel(flags.save, trained, trainingMeta(result.settings, result.dataset, result.stopReason));
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
      const classes = result.classes ? ` (classes ${result.classes.join(', ')})` : '';
      const dropped = result.rows.dropped ? `, ${result.rows.dropped} dropped` : '';
      printLine(
        `${result.dataset}: ${result.task} of ${result.labels.join(', ')}${classes}; ` +
          `${result.rows.train} training rows, ${result.rows.validation} validation rows${dropped}; ` +
          `${result.parameters} parameters; loss ${result.loss}`,
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
        `${result.epochs} epochs, ${result.steps} steps; ` +
          `${result.stopReason}${result.message ? `: ${result.message}` : ''}`,
      );
      if (result.resumedFrom !== null) printLine(`resumed ${flags.resume} after epoch ${result.resumedFrom}`);
      if (flags.save) printLine(`saved ${flags.save}`);
      if (flags.history) printLine(`history ${flags.history}`);
    });
}

/** TrainRunOptions keys whose flag has another name (commander's attribute of that flag). */
const FLAG_OF: Record<string, string> = {
  learningRate: 'lr',
  validationSplit: 'validation',
  patience: 'earlyStoppingPatience',
};

/** The --schedule flags as a ScheduleSpec (parameters checked by the training service). */
function scheduleOf(flags: TrainFlags): ScheduleSpec | undefined {
  const stray = (
    [
      ['--step-size', flags.stepSize, 'step'],
      ['--gamma', flags.gamma, 'step or exponential'],
      ['--decay-rate', flags.decayRate, 'inverseTime'],
    ] as const
  ).find(([, value, kinds]) => value !== undefined && !kinds.split(' or ').includes(flags.schedule ?? ''));
  if (stray) throw new ArgumentError(`${stray[0]} belongs to --schedule ${stray[2]}, not ${flags.schedule ?? 'none'}`);
  switch (flags.schedule) {
    case undefined:
      return undefined;
    case 'step':
      return {
        kind: 'step',
        stepSize: flags.stepSize as number,
        ...(flags.gamma !== undefined ? { gamma: flags.gamma } : {}),
      };
    case 'exponential':
      return { kind: 'exponential', gamma: flags.gamma as number };
    case 'inverseTime':
      return { kind: 'inverseTime', decayRate: flags.decayRate as number };
  }
}
