import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_MODULES } from '../../src/cli/program.js';
import { spawnCli } from './run.js';

describe('the command line loads only the command it runs', () => {
  it('each command module registers exactly the top-level commands the table names, in help order', async () => {
    for (const module of COMMAND_MODULES) {
      const program = new Command();
      (await module.load())(program);
      expect(program.commands.map((c) => c.name())).toEqual(module.names);
    }
    const all = await buildProgram();
    expect(all.commands.map((c) => c.name())).toEqual(COMMAND_MODULES.flatMap((m) => m.names));
  });

  it('a command line naming a command builds only its module; help or an unknown word builds all', async () => {
    expect((await buildProgram(['depth', '--layers', '3'])).commands.map((c) => c.name())).toEqual(['init', 'depth']);
    expect((await buildProgram(['--max-parameters', '5', 'train'])).commands.length).toBe(
      COMMAND_MODULES.flatMap((m) => m.names).length,
    );
    expect((await buildProgram(['tarin'])).commands.length).toBe(COMMAND_MODULES.flatMap((m) => m.names).length);
    // The version alone needs no command; with a command or help beside it, the usual rules apply.
    expect((await buildProgram(['--version'])).commands).toHaveLength(0);
    expect((await buildProgram(['-V'])).commands).toHaveLength(0);
    expect((await buildProgram(['--version', '--help'])).commands.length).toBe(
      COMMAND_MODULES.flatMap((m) => m.names).length,
    );
  });

  it('the binary prints the package version for --version and -V', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const out = spawnCli([flag]);
      expect(out.status).toBe(0);
      expect(out.stdout.trim()).toBe(version);
    }
  });

  it('the binary still suggests a command for a typo and lists every command in its help', () => {
    const typo = spawnCli(['tarin']);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(/Did you mean train\?/);
    const help = spawnCli(['--help']);
    for (const name of COMMAND_MODULES.flatMap((m) => m.names)) expect(help.stdout).toContain(name);
  });
});
