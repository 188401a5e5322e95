import type { Command } from 'commander';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the lab on bundled data and write a report')
    .action(() => {
      process.stdout.write('gradlab demo: the lab is not built yet.\n');
    });
}
