import Table from 'cli-table3';
import { DivergenceError, GradlabError } from '../errors.js';
import { describeSystemError } from '../node/systemErrors.js';

/** Writes a value as pretty JSON on stdout (the --json output of every command). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** A text table on stdout. */
export function printTable(head: string[], rows: Array<Array<string | number | null | undefined>>): void {
  const table = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? '-' : String(c))));
  process.stdout.write(`${table.toString()}\n`);
}

/** A number for people: 4 significant digits, exponent form when tiny or huge. */
export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '-';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(digits - 1);
  return String(+value.toPrecision(digits));
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : `${(100 * value).toFixed(1)}%`;
}

/** Messages are one line: a newline inside one (a library's, a system's) is folded into "; ". */
function oneLine(text: string): string {
  return text
    .trim()
    .split(/\s*\n\s*/)
    .join('; ');
}

function isOutOfMemory(error: unknown): boolean {
  return (
    error instanceof RangeError &&
    /allocation failed|Invalid typed array length|Invalid array length|Array buffer allocation/i.test(error.message)
  );
}

/**
 * The one line a user sees for an error: `gradlab: <Type>: <message>`. Our typed errors (GradlabError)
 * are shown as they are; Node's system errors by their code; anything else is ours to fix, and says
 * so. GRADLAB_DEBUG=1 adds the stack.
 */
export function formatError(error: unknown): string {
  if (!(error instanceof Error)) return `gradlab: ${oneLine(String(error))}`;
  const code = (error as NodeJS.ErrnoException).code;
  let line: string;
  if (error instanceof GradlabError) line = `${error.name}: ${oneLine(error.message)}`;
  else if (isOutOfMemory(error))
    line = `OutOfMemory: ${oneLine(error.message)} (the data or the network is too large for this process)`;
  else if (typeof code === 'string') line = `SystemError: ${oneLine(describeSystemError(error))}`;
  else {
    const hint = process.env.GRADLAB_DEBUG === '1' ? '' : ' (GRADLAB_DEBUG=1 shows where)';
    line = `internal error (${error.name}: ${oneLine(error.message)}); please report it${hint}`;
  }
  return `gradlab: ${line}`;
}

/** Writes the error's line (and with GRADLAB_DEBUG=1 its stack) on stderr; returns the exit code. */
export function printError(error: unknown): number {
  process.stderr.write(`${formatError(error)}\n`);
  if (process.env.GRADLAB_DEBUG === '1' && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  return exitCodeOf(error);
}

/** Exit codes: 0 done, 1 any error, 2 training diverged. */
export function exitCodeOf(error: unknown): number {
  return error instanceof DivergenceError ? 2 : 1;
}

/** Commander's own errors (unknown option, invalid value) in the same one-line form. */
export const commanderOutput = {
  outputError(text: string, write: (text: string) => void): void {
    write(`gradlab: ArgumentError: ${oneLine(text.replace(/^error:\s*/, ''))}\n`);
  },
};
