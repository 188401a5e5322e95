import { accessSync, constants, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FileError } from '../errors.js';
import { describeSystemError } from './systemErrors.js';

/** A path given on the command line, with the name to show for it (e.g. `--data`). */
export interface NamedPath {
  label: string;
  path: string;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Two paths name the same file when they reach the same inode on the same device (a symlink, a hard
 * link, `./a` vs `a`); where the system reports no inode (0), when their resolved real paths agree.
 */
export function sameFile(a: string, b: string): boolean {
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  if (!sa || !sb) return false;
  if (sa.ino !== 0 && sb.ino !== 0) return sa.dev === sb.dev && sa.ino === sb.ino;
  return realpathSync(a) === realpathSync(b);
}

/** An input must exist and be a file (a folder given as --data used to end in a stack trace). */
export function assertReadableFile(input: NamedPath): void {
  const stats = statOrNull(input.path);
  if (!stats) throw new FileError(`${input.label} ${input.path}: no such file`);
  if (stats.isDirectory()) throw new FileError(`${input.label} ${input.path}: is a folder, expected a file`);
  try {
    accessSync(input.path, constants.R_OK);
  } catch (error) {
    throw new FileError(`${input.label} ${input.path}: cannot read: ${describeSystemError(error)}`);
  }
}

/** The folder must exist, be a folder, and be writable (a write there creates and renames a file). */
function assertWritableFolder(output: NamedPath, folder: string): void {
  const stats = statOrNull(folder);
  if (!stats) throw new FileError(`${output.label} ${output.path}: the folder ${folder} does not exist`);
  if (!stats.isDirectory()) throw new FileError(`${output.label} ${output.path}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new FileError(`${output.label} ${output.path}: cannot write in ${folder}: ${describeSystemError(error)}`);
  }
}

/**
 * Checked before any work, so that a long run never ends in "cannot write": an output must not be
 * one of the inputs (writing it would destroy that input), must not be a folder, and must land in an
 * existing, writable folder. A folder output (`directory: true`, e.g. a report) may be created: its
 * nearest existing ancestor must be writable.
 */
export function assertOutputsSafe(
  outputs: ReadonlyArray<NamedPath & { directory?: boolean }>,
  inputs: readonly NamedPath[],
): void {
  for (const output of outputs) {
    for (const input of inputs) {
      if (sameFile(output.path, input.path))
        throw new FileError(
          `${output.label} ${output.path} is the same file as ${input.label} ${input.path}; ` +
            `writing it would destroy the input: choose another ${output.label}`,
        );
    }
    const stats = statOrNull(output.path);
    if (output.directory) {
      if (stats && !stats.isDirectory())
        throw new FileError(`${output.label} ${output.path}: exists and is not a folder`);
      let folder = resolve(output.path);
      while (!statOrNull(folder) && dirname(folder) !== folder) folder = dirname(folder);
      assertWritableFolder(output, folder);
    } else {
      if (stats?.isDirectory())
        throw new FileError(`${output.label} ${output.path}: is a folder, expected a file name`);
      assertWritableFolder(output, dirname(resolve(output.path)));
    }
  }
}
