import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { scratch } from './hardeningRun.js';
import { run } from './run.js';

const path = scratch('json-schema');
const docs = readFileSync(new URL('../../docs/cli-json.md', import.meta.url), 'utf8');
const documented = (key: string) => docs.includes(`\`${key}\``);
const json = async (args: string[]) => JSON.parse(await run(args)) as Record<string, unknown>;

/** Every command path that has a --json flag: `init`, `normalize.fit`, … */
function jsonCommands(command: Command, prefix = ''): string[] {
  return command.commands.flatMap((sub) => {
    const name = prefix ? `${prefix}.${sub.name()}` : sub.name();
    const own = sub.options.some((o) => o.long === '--json') ? [name] : [];
    return [...own, ...jsonCommands(sub, name)];
  });
}

function expectSchema(schema: string, out: Record<string, unknown>): void {
  // The schema and its version come first, as in every other command's output.
  expect(Object.keys(out).slice(0, 2), schema).toEqual(['schema', 'schemaVersion']);
  expect(out.schema).toBe(schema);
  expect(out.schemaVersion).toBe(1);
  expect(docs).toContain(`\`${schema}\``);
  expect(
    Object.keys(out).filter((k) => !documented(k)),
    schema,
  ).toEqual([]);
}

describe('every --json output carries schema and schemaVersion, and docs/cli-json.md lists it', () => {
  it('init, depth, depth --linear, compare-init and datasets (the reported commands)', async () => {
    expectSchema('gradlab.init', await json(['init', '--scheme', 'heNormal', '--shape', '3,4', '--json']));
    expectSchema(
      'gradlab.depth',
      await json(['depth', '--layers', '2', '--width', '4', '--epochs', '1', '--inits', 'heNormal', '--json']),
    );
    const linear = await json(['depth', '--linear', '--scale', '1e200', '--layers', '3', '--json']);
    expectSchema('gradlab.depth.linear', linear);
    expect(linear.overflowLayer).toBe(2);
    expectSchema('gradlab.compare-init', await json(['compare-init', '--steps', '10', '--json']));
    const datasets = await json(['datasets', '--json']);
    expectSchema('gradlab.datasets', datasets);
    const list = datasets.datasets as Array<Record<string, unknown>>;
    expect(list.map((d) => d.name)).toContain('iris');
    for (const entry of list) for (const key of Object.keys(entry)) expect(documented(key), key).toBe(true);
  });

  it('diagnose, export and import (carried it, undocumented until now)', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2}`);
    writeFileSync(path('d.csv'), `a,b,label\n${rows.join('\n')}\n`);
    await run(['train', '--data', path('d.csv'), '--epochs', '1', '--quiet', '--save', path('m.json')]);
    expectSchema(
      'gradlab.diagnose',
      await json(['diagnose', '--model', path('m.json'), '--data', path('d.csv'), '--json']),
    );
    expectSchema(
      'gradlab.export',
      await json(['export', '--model', path('m.json'), '--format', 'onnx', '--out', path('m.onnx'), '--json']),
    );
    expectSchema(
      'gradlab.import',
      await json(['import', '--from', path('m.onnx'), '--out', path('m2.json'), '--json']),
    );
  });

  it('no command has --json without its schema named in docs/cli-json.md', async () => {
    const commands = jsonCommands(await buildProgram());
    expect(commands).toContain('datasets');
    expect(commands.filter((name) => !documented(`gradlab.${name}`))).toEqual([]);
  });
});
