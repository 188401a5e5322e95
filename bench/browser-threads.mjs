// Matrix products on one thread and on two in headless Chromium, on a cross-origin isolated page served
// like the playground (its server, COOP/COEP headers): the numbers in docs/performance.md, "Two threads".
// Needs `npm run build` and Debian's Chromium. Usage: node bench/browser-threads.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createPlaygroundServer } from '../dist/node/playgroundServer.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'gradlab-browser-threads-'));
await build({
  entryPoints: ['page', 'threadsBench', 'helper'].map((name) => here(`./browser/${name}.ts`)),
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  alias: { 'gradlab/browser': here('../dist/browser.js') },
  logLevel: 'warning',
});
writeFileSync(join(out, 'index.html'), '<!doctype html><script type="module" src="./page.js"></script>\n');
const server = createPlaygroundServer(out);
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.waitForFunction(() => globalThis.benchResult, null, { timeout: 300_000 });
  const { threads, reason, helperPieces, rows } = await result.jsonValue();
  console.log(
    `crossOriginIsolated: ${await page.evaluate(() => crossOriginIsolated)}; threads: ${threads}${reason ? ` (${reason})` : ''}; helper pieces: ${helperPieces}`,
  );
  console.log('best of 7 rounds, one thread → two threads:');
  for (const row of rows) console.log(`  ${row}`);
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
