import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every ```ts block of README.md and docs/*.md runs as written (with `gradlab` resolved to this
 * checkout), so the documentation cannot drift from the API.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = join(root, 'docs');
const pages = [
  'README.md',
  ...(existsSync(docsDir)
    ? readdirSync(docsDir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `docs/${f}`)
    : []),
];
const blocks = pages.flatMap((page) =>
  [...readFileSync(join(root, page), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]),
);
const scratch = join(root, 'test', '.readme-blocks');

describe('README and docs examples run as written', () => {
  mkdirSync(scratch, { recursive: true });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('shows every exported function and class of the package in a runnable example', async () => {
    const api = await import('../src/index.js');
    const code = blocks.join('\n');
    const missing = Object.entries(api)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(code));
    expect(missing).toEqual([]);
  });

  it('type-checks every example against the built package (strict)', () => {
    // 'gradlab' resolves to this package's own exports (dist/, built by npm install / npm run build).
    expect(existsSync(join(root, 'dist', 'index.d.ts'))).toBe(true);
    const dir = join(root, 'test', '.readme-typecheck');
    mkdirSync(dir, { recursive: true });
    const files = blocks.map((code, i) => {
      const file = join(dir, `block-${i + 1}.mts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
    ];
    const r = spawnSync(process.execPath, [tsc, ...flags, ...files], { cwd: root, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.stdout + r.stderr).toBe('');
  });

  blocks.forEach((code, i) => {
    const firstLine = code.split('\n').find((l) => l.startsWith('//') || l.trim().length > 0) ?? '';
    it(`block ${i + 1}: ${firstLine.slice(0, 60)}`, async () => {
      const file = join(scratch, `block-${i + 1}.ts`);
      writeFileSync(file, `// @ts-nocheck\n${code}`);
      const log: unknown[][] = [];
      const original = console.log;
      console.log = (...args: unknown[]) => void log.push(args);
      try {
        await import(file);
      } finally {
        console.log = original;
      }
      expect(log.length).toBeGreaterThan(0);
    });
  });
});
