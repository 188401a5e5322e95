import type { Command } from 'commander';
import type { MissingPolicy, UnknownPolicy } from '../data/encoding.js';
import type { TaskKind } from '../data/task.js';
import type { ColumnReport } from '../pipeline/evaluateRun.js';
import { choice } from './parse.js';
import { printJson } from './print.js';

export const parseTask = choice<TaskKind>(['classification', 'regression']);
export const parseMissing = choice<MissingPolicy>(['error', 'drop', 'mean']);
export const parseUnknown = choice<UnknownPolicy>(['error', 'ignore']);

/**
 * The version of every command's --json output (docs/cli-json.md lists the keys). Raise it when a key
 * is removed or changes meaning; adding a key keeps it.
 */
export const JSON_SCHEMA_VERSION = 1;

/** Prints a command's --json result with its schema name (`gradlab.<command>`) and version first. */
export function printResult(command: string, value: object): void {
  printJson({ schema: `gradlab.${command}`, schemaVersion: JSON_SCHEMA_VERSION, ...value });
}

/** Tells the user on stderr what column matching did (stdout stays clean for --json and CSV). */
export function printNotes(source: string, columns: Pick<ColumnReport, 'notes'>): void {
  for (const note of columns.notes) process.stderr.write(`gradlab: note: ${source}: ${note}\n`);
}

/** The arguments after `gradlab` of the command being run (stored in a model's provenance). */
export function commandLine(command: Command): string[] {
  let root: Command = command;
  while (root.parent) root = root.parent;
  // commander keeps the argv it parsed on the root command (not in its typings).
  return ((root as unknown as { rawArgs?: string[] }).rawArgs ?? []).slice(2);
}
