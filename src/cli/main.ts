#!/usr/bin/env node
import { installNodeIntegrations } from '../node/integrations.js';
import { buildProgram } from './program.js';

installNodeIntegrations();

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`gradlab: ${message}\n`);
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
  });
