import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createPlaygroundServer, playgroundRoot } from '../../node/playgroundServer.js';
import { positiveInt } from '../parse.js';
import { printLine } from '../print.js';

export function registerPlayground(program: Command): void {
  program
    .command('playground')
    .description('serve the interactive playground on this machine (offline; Ctrl-C to stop)')
    .option('--port <n>', 'port', positiveInt, 8765)
    .option('--host <address>', 'address to bind (127.0.0.1 keeps it on this machine)', '127.0.0.1')
    .action((flags: { port: number; host: string }) => {
      const root = playgroundRoot();
      if (!existsSync(join(root, 'index.html')))
        throw new Error(`the playground is not built (${root}); run npm run build:playground`);
      const server = createPlaygroundServer(root);
      server.listen(flags.port, flags.host, () => {
        printLine(
          `gradlab playground: http://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}:${flags.port}/`,
        );
      });
    });
}
