import { Command } from 'commander';
import { registerDemo } from './commands/demo.js';

/** The gradlab command line: each command parses its flags and calls the library. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gradlab')
    .description('Train deep networks well, and prove their gradients are right.')
    .version('0.1.0')
    .showHelpAfterError();
  registerDemo(program);
  return program;
}
