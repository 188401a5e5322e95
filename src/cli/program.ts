import { Command } from 'commander';
import { gradlabVersion } from '../node/index.js';
import { registerDatasets } from './commands/datasets.js';
import { registerDemo } from './commands/demo.js';
import { registerDiagnose } from './commands/diagnose.js';
import { registerEval } from './commands/evaluate.js';
import { registerExport } from './commands/export.js';
import { registerGradcheck } from './commands/gradcheck.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerNormalize } from './commands/normalize.js';
import { registerPlayground } from './commands/playground.js';
import { registerTrain } from './commands/train.js';
import { installGuards } from './guards.js';
import { installParquetInputs } from './parquetInputs.js';
import { commanderOutput } from './print.js';

/** The gradlab command line: each command parses its flags and calls the library. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gradlab')
    .description('Train deep networks well, and prove their gradients are right.')
    .version(gradlabVersion())
    .configureOutput(commanderOutput);
  installGuards(program);
  installParquetInputs(program);
  registerDemo(program);
  registerDatasets(program);
  registerTrain(program);
  registerEval(program);
  registerNormalize(program);
  registerGradcheck(program);
  registerInit(program);
  registerDiagnose(program);
  registerExport(program);
  registerImport(program);
  registerPlayground(program);
  return program;
}
