import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin } from './run.js';

/** A fresh temporary folder for one test file. */
export function scratch(prefix: string): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `gradlab-${prefix}-`));
  return (name: string) => join(dir, name);
}

// Preloaded into the child: reports the child's own peak resident memory (KB) when it exits.
const REPORT_RSS =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxRSS "+process.resourceUsage().maxRSS+"\\n"))';

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** stderr without the memory report line. */
  stderr: string;
  /** The child's peak resident set size in MB. */
  maxRssMb: number;
}

/** Runs the built CLI as a user would, with extra environment variables, and measures its peak memory. */
export function cli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', REPORT_RSS, bin, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', GRADLAB_DEBUG: '', ...options.env },
  });
  const match = r.stderr.match(/\nmaxRSS (\d+)\n/);
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr.replace(/\nmaxRSS \d+\n/, ''),
    maxRssMb: match ? Number(match[1]) / 1024 : Number.NaN,
  };
}

/** The error lines a run printed (stderr minus blank lines). */
export function errorLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((l) => l.trim() !== '');
}
