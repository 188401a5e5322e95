import type { Command } from 'commander';
import { ArgumentError } from '../errors.js';
import { TRAIN_DEFAULTS } from '../pipeline/trainDefaults.js';
import { intList, stringList } from './parse.js';
import { parseMissing, parseTask } from './taskFlags.js';

/**
 * The flags that name the network a command works on: a saved model, or an architecture to build
 * (the training service's defaults), on a dataset. Shared by `gradcheck` and `diagnose`.
 */
export function modelOrArchitectureFlags(command: Command): Command {
  return command
    .option('--model <model.json>', 'a model file (its scaler is applied); or give the architecture flags instead')
    .requiredOption('--data <name|file.csv>', 'dataset name or CSV path')
    .option('--label <column>', 'label column of a CSV', 'label')
    .option('--layers <widths>', 'hidden layer widths (without --model)', intList, [...TRAIN_DEFAULTS.layers])
    .option('--activation <name>', 'hidden activation (without --model)', TRAIN_DEFAULTS.activation)
    .option('--init <name>', 'initializer (without --model)', TRAIN_DEFAULTS.init)
    .option(
      '--task <task>',
      'classification or regression (without --model; default: inferred as train does)',
      parseTask,
    )
    .option('--features <a,b,...>', 'feature columns (without --model; default: all but the label)', stringList)
    .option('--categorical <a,b,...>', 'text columns to one-hot encode, as train does (without --model)', stringList)
    .option(
      '--missing <policy>',
      'empty cells: error, drop (the row) or mean (the column mean), as train does (without --model)',
      parseMissing,
    );
}

/**
 * With `--model`, the saved network is the one measured: a flag that describes a new network (given on
 * the command line, not defaulted) would be ignored silently, so it is refused, naming it.
 */
export function refuseArchitectureWithModel(command: Command, architectureFlags: readonly string[]): void {
  if (!command.opts().model) return;
  const given = architectureFlags.filter((name) => command.getOptionValueSource(name) === 'cli');
  const flagNames = given.map((n) => `--${n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (given.length)
    throw new ArgumentError(
      `${flagNames.join(', ')} ${given.length > 1 ? 'describe' : 'describes'} a new network; ` +
        `with --model the saved model's own architecture is used: drop ${given.length > 1 ? 'them' : 'it'} or --model`,
    );
}
