import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ArgumentError, FileError } from '../../errors.js';
import { createPlaygroundServer, isLoopback, listenPlayground, playgroundRoot } from '../../node/playgroundServer.js';
import { describeSystemError } from '../../node/systemErrors.js';
import { port } from '../parse.js';
import { printLine } from '../print.js';

/** Which flag a listen error is about: the port (in use, privileged) or the host (unknown, not ours). */
const PORT_ERRORS = new Set(['EADDRINUSE', 'EACCES', 'EPERM']);

export function registerPlayground(program: Command): void {
  program
    .command('playground')
    .description('serve the interactive playground on this machine (offline; Ctrl-C to stop)')
    .option('--port <n>', 'port (0: any free port)', port, 8765)
    .option('--host <address>', 'address to bind (127.0.0.1 keeps it on this machine)', '127.0.0.1')
    .action(async (flags: { port: number; host: string }) => {
      const root = playgroundRoot();
      if (!existsSync(join(root, 'index.html')))
        throw new FileError(`the playground is not built (${root}); run npm run build:playground`);
      const server = createPlaygroundServer(root, { host: flags.host });
      let bound: Awaited<ReturnType<typeof listenPlayground>>;
      try {
        bound = await listenPlayground(server, flags.port, flags.host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        const flag = PORT_ERRORS.has(code) ? `--port ${flags.port}` : `--host ${flags.host}`;
        throw new ArgumentError(`${flag}: cannot listen on ${flags.host}:${flags.port}: ${describeSystemError(error)}`);
      }
      if (!isLoopback(bound.address))
        process.stderr.write(
          `gradlab: warning: listening on ${bound.address}, beyond this machine: anyone who can reach ` +
            'this address can use the playground (--host 127.0.0.1 keeps it local)\n',
        );
      const shown = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
      printLine(`gradlab playground: http://${shown}:${bound.port}/`);
    });
}
