import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples in README.md and docs/ import the package; tests resolve it to this checkout's sources.
    alias: [
      { find: /^gradlab\/browser$/, replacement: source('browser.ts') },
      { find: /^gradlab$/, replacement: source('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
