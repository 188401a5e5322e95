import { existsSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { isRealDataset, isSyntheticDataset } from '../data/index.js';
import { DEFAULT_MAX_PARAMETERS, setParameterBudget } from '../nn/index.js';
import { datasetsDirectory } from '../node/datasets.js';
import { expandDataPaths } from '../node/dataPaths.js';
import { isParquetPath } from '../node/parquetFiles.js';
import { assertOutputsSafe, assertReadableFile, type NamedPath } from '../node/outputGuard.js';
import { positiveInt } from './parse.js';

/** Flags whose value names a file the command reads, and flags it writes to. */
const INPUT_FLAGS = new Set(['data', 'model', 'scaler']);
const OUTPUT_FLAGS = new Set(['out', 'save']);

/** The file an input flag reads, or null when it names no file (a synthetic dataset, an unknown name). */
function inputFile(key: string, value: string): string | null {
  if (key !== 'data') return value;
  if (isRealDataset(value)) return `${datasetsDirectory()}${value}.csv`;
  if (isSyntheticDataset(value)) return null;
  // Not a .csv and not on disk: loadDataset explains it as an unknown dataset name.
  return existsSync(value) || value.toLowerCase().endsWith('.csv') || isParquetPath(value) ? value : null;
}

/**
 * Before a command does anything: its input files exist and are files, and none of its outputs is one
 * of them or unwritable. Flags are found by name in every command (so a new command is covered as soon
 * as it names its flags --data/--model/--scaler and --out/--save); an option with a parser takes a
 * value rather than a path (`normalize fit --scaler standard`), and an output whose placeholder is
 * `<dir>` is a folder.
 */
export function guardFiles(command: Command): void {
  const values = command.opts() as Record<string, unknown>;
  const inputs: NamedPath[] = [];
  const outputs: Array<NamedPath & { directory: boolean }> = [];
  for (const option of command.options as Option[]) {
    const key = option.attributeName();
    const value = values[key];
    const label = option.long ?? option.flags;
    // A variadic --data (normalize fit's files or quoted globs) is checked file by file, globs expanded.
    if (INPUT_FLAGS.has(key) && Array.isArray(value)) {
      for (const file of expandDataPaths(value.filter((v): v is string => typeof v === 'string'))) {
        const found = inputFile(key, file);
        if (found === null) continue;
        assertReadableFile({ label, path: found });
        inputs.push({ label, path: found });
      }
      continue;
    }
    if (typeof value !== 'string') continue;
    if (INPUT_FLAGS.has(key) && !option.parseArg) {
      const file = inputFile(key, value);
      if (file === null) continue;
      const shown = file === value ? label : `${label} ${value} (bundled)`;
      assertReadableFile({ label: shown, path: file });
      inputs.push({ label: shown, path: file });
    } else if (OUTPUT_FLAGS.has(key)) outputs.push({ label, path: value, directory: option.flags.includes('<dir>') });
  }
  assertOutputsSafe(outputs, inputs);
}

/**
 * The checks every command gets: `--max-parameters` (a global flag, accepted before or after the
 * command's name) sets the parameter budget, then the file guards run, all before the action.
 */
export function installGuards(program: Command): void {
  program
    .option(
      '--max-parameters <n>',
      `refuse networks with more parameters than this, before allocating (default ${DEFAULT_MAX_PARAMETERS})`,
      positiveInt,
    )
    .configureHelp({ showGlobalOptions: true })
    .hook('preAction', (_program, command) => {
      const budget = command.optsWithGlobals().maxParameters as number | undefined;
      setParameterBudget(budget ?? DEFAULT_MAX_PARAMETERS);
      guardFiles(command);
    });
}
