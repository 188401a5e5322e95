import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * The browser entry (src/browser.ts) and everything it reaches must run in a browser. The rule comes
 * from the folders, not from a list of files: only src/node/ and src/cli/ may import Node's modules,
 * and the browser entry never reaches node/, pipeline/, experiments/, report/ or cli/.
 */
const src = fileURLToPath(new URL('../src', import.meta.url));
const nodeOnlyFolders = ['node', 'cli'];
const notForBrowsers = /^(node|cli|pipeline|experiments|report)\//;
const nodeOnlyPackages = /^(node:|cli-progress|csv-stringify|vega|commander|cli-table3|csv-parse(\/sync|\/stream)?$)/;

const allFiles = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
const importsOf = (file: string): string[] =>
  [...readFileSync(join(src, file), 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map(
    (m) => m[1],
  );

it('only src/node/ and src/cli/ import node: modules', () => {
  const offenders = allFiles
    .filter((f) => !nodeOnlyFolders.some((folder) => f.startsWith(`${folder}/`)))
    .filter((f) => importsOf(f).some((spec) => spec.startsWith('node:')));
  expect(allFiles.length).toBeGreaterThan(100);
  expect(offenders).toEqual([]);
});

it('the browser entry reaches only browser-safe modules', () => {
  const seen = new Set<string>();
  const leaks: string[] = [];
  const queue = ['browser.ts'];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (notForBrowsers.test(file)) leaks.push(file);
    for (const spec of importsOf(file)) {
      if (nodeOnlyPackages.test(spec)) leaks.push(`${file} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      queue.push(relative(src, resolve(dirname(join(src, file)), spec)).replace(/\.js$/, '.ts'));
    }
  }
  expect(seen.size).toBeGreaterThan(80);
  expect(leaks).toEqual([]);
});
