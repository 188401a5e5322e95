#!/usr/bin/env node
import { installNodeIntegrations } from '../node/integrations.js';
import { installSignalCleanup } from '../node/signals.js';
import { buildProgram } from './program.js';
import { printError } from './print.js';

installNodeIntegrations();
installSignalCleanup();

/** One line on stderr and exit 1 (2 for divergence), whatever reaches here, sync or async. */
function fail(error: unknown): void {
  process.exitCode = printError(error);
}

// Output piped into `head`: the reader left, which is not an error; end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // The reader left early (e.g. | head): end quietly, keeping the exit code a result already set (a
    // failed gradient check stays 1).
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fail(error);
  });
}
process.on('uncaughtException', (error) => {
  fail(error);
  process.exit();
});
process.on('unhandledRejection', (error) => {
  fail(error);
  process.exit();
});

buildProgram(process.argv.slice(2))
  .then((program) => program.parseAsync(process.argv))
  .catch(fail);
