import { spawnSync } from 'node:child_process';
import { buildProgram } from '../../src/cli/program.js';
import { installNodeIntegrations } from '../../src/node/integrations.js';
import { bin } from './bin.js';

installNodeIntegrations();

export { bin };

/** Runs the CLI in this process and returns what it printed on stdout. */
export async function run(args: string[]): Promise<string> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await (await buildProgram(args)).exitOverride().parseAsync(['node', 'gradlab', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

/** Runs the built `gradlab` binary as a user would (npm install builds it through `prepare`). */
export function spawnCli(args: string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
