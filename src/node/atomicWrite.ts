import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileError } from '../errors.js';
import { describeSystemError } from './systemErrors.js';

let counter = 0;
const liveTempFiles = new Set<string>();
let onLiveChange: ((live: boolean) => void) | null = null;

/**
 * Tells `listener` when the first temporary file appears (true) and when the last one is gone
 * (false); the CLI arms its SIGINT/SIGTERM cleanup only in between (see signals.ts).
 */
export function watchTempFiles(listener: ((live: boolean) => void) | null): void {
  onLiveChange = listener;
}

/** Removes every temporary file a write still holds (called on a signal); returns their paths. */
export function removeTempFiles(): string[] {
  const removed = [...liveTempFiles];
  for (const temp of removed) rmSync(temp, { force: true });
  liveTempFiles.clear();
  return removed;
}

function track(temp: string): void {
  liveTempFiles.add(temp);
  if (liveTempFiles.size === 1) onLiveChange?.(true);
}

function untrack(temp: string): void {
  if (liveTempFiles.delete(temp) && liveTempFiles.size === 0) onLiveChange?.(false);
}

/**
 * Writes `content` to `path` atomically: into a temporary file beside it, flushed to disk, then
 * renamed over `path`. A reader sees the old file or the new one, never a partial one; on failure the
 * temporary file is removed, `path` is untouched, and the FileError names `path` (not the temporary).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
  track(temp);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new FileError(`cannot write ${path}: ${describeSystemError(error)}`);
  } finally {
    untrack(temp);
  }
}

/** Creates `dir` and its parents when missing. */
export function ensureDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new FileError(`cannot create the folder ${dir}: ${describeSystemError(error)}`);
  }
}

/**
 * Like writeFileAtomic, for output too large to hold: `produce` calls `write` with successive pieces,
 * which go straight into the temporary file; it is renamed over `path` only once `produce` succeeds.
 */
export async function writeFileAtomicStreaming(
  path: string,
  produce: (write: (text: string) => void) => Promise<void>,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
  track(temp);
  let fd: number | null = null;
  try {
    try {
      fd = openSync(temp, 'w');
    } catch (error) {
      throw new FileError(`cannot write ${path}: ${describeSystemError(error)}`);
    }
    const open = fd;
    await produce((text) => {
      writeSync(open, Buffer.from(text, 'utf8'));
    });
    fsyncSync(open);
    closeSync(open);
    fd = null;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    // The producer's own errors (bad data) pass unchanged; the file system's name the path.
    if (!(error as NodeJS.ErrnoException).code || error instanceof FileError) throw error;
    throw new FileError(`cannot write ${path}: ${describeSystemError(error)}`);
  } finally {
    untrack(temp);
  }
}
