import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every ```ts block of README.md runs as written (with `gradlab` resolved to this checkout), so the
 * documentation cannot drift from the API.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const scratch = join(root, 'test', '.readme-blocks');

describe('README examples run as written', () => {
  mkdirSync(scratch, { recursive: true });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(0);
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
