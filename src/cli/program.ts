import type { Command as CommanderCommand } from 'commander';
import { Command } from 'commander';
import { gradlabVersion } from '../node/packageInfo.js';
import { installGuards } from './guards.js';
import { installParquetInputs } from './parquetInputs.js';
import { commanderOutput } from './print.js';

type Register = (program: CommanderCommand) => void;

/**
 * Each command module, the top-level commands it registers, in help order, and how to load it. A command
 * module loads the library parts it runs (the report's plotting library, ONNX, Parquet), so the binary
 * loads only the one module a command line names: `gradlab datasets` runs in 0.21–0.26 s, against
 * 0.47–0.60 s for `gradlab --help`, which loads every module (`/usr/bin/time`, 3 runs each, idle
 * 2-core machine).
 */
export const COMMAND_MODULES: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['demo', 'compare-init'], load: async () => (await import('./commands/demo.js')).registerDemo },
  { names: ['datasets'], load: async () => (await import('./commands/datasets.js')).registerDatasets },
  { names: ['train'], load: async () => (await import('./commands/train.js')).registerTrain },
  { names: ['eval', 'predict'], load: async () => (await import('./commands/evaluate.js')).registerEval },
  { names: ['normalize'], load: async () => (await import('./commands/normalize.js')).registerNormalize },
  { names: ['gradcheck'], load: async () => (await import('./commands/gradcheck.js')).registerGradcheck },
  { names: ['init', 'depth'], load: async () => (await import('./commands/init.js')).registerInit },
  { names: ['diagnose'], load: async () => (await import('./commands/diagnose.js')).registerDiagnose },
  { names: ['export'], load: async () => (await import('./commands/export.js')).registerExport },
  { names: ['import'], load: async () => (await import('./commands/import.js')).registerImport },
  { names: ['playground'], load: async () => (await import('./commands/playground.js')).registerPlayground },
];

/**
 * The gradlab command line: each command parses its flags and calls the library. Given the arguments
 * (without `node` and the script), only the module of the command they name is loaded (none for
 * `--version` alone); without them, or when they name no known command (help, a typo that commander
 * answers with suggestions), all are.
 */
export async function buildProgram(args?: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('gradlab')
    .description('Train deep networks well, and prove their gradients are right.')
    .version(gradlabVersion())
    .configureOutput(commanderOutput);
  installGuards(program);
  installParquetInputs(program);
  const named = args?.find((arg) => !arg.startsWith('-'));
  const only = COMMAND_MODULES.find((module) => named !== undefined && module.names.includes(named));
  // `gradlab --version` needs no command: loading them all took it 0.24–0.27 s instead of 0.13 s (5 runs each).
  const versionOnly =
    named === undefined && args !== undefined && args.length === 1 && ['--version', '-V'].includes(args[0]);
  for (const module of only ? [only] : versionOnly ? [] : COMMAND_MODULES) (await module.load())(program);
  return program;
}
