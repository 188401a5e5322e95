import type { Command } from 'commander';
import { isParquetPath, preloadParquet } from '../node/parquetFiles.js';

/** Commands that stream their --data themselves (one row group at a time) instead of reading it whole. */
const STREAMING = new Set(['normalize fit']);

/**
 * Parquet is decoded asynchronously (hyparquet) and the table services are synchronous: before any
 * command runs, its Parquet --data is read, and readTable / readCsv then find it (see preloadParquet).
 */
export function installParquetInputs(program: Command): void {
  program.hook('preAction', async (_program, command) => {
    if (STREAMING.has(`${command.parent?.name()} ${command.name()}`)) return;
    const data: unknown = command.opts().data;
    for (const value of [data].flat())
      if (typeof value === 'string' && isParquetPath(value)) await preloadParquet(value);
  });
}
