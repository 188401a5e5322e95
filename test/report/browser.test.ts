import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser)
  console.log(
    `browser test skipped: no Chromium at ${CHROMIUM} (.ci/run installs the Debian package 'chromium'; it could not be installed here)`,
  );

const out = fileURLToPath(new URL('../../test-output/report', import.meta.url));

describe('the lab report', () => {
  let written: { html: string; json: string; plots: number };
  let results: g.LabResults;

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    // A small run of every experiment: this tests the report, the full-size claims run in the demo.
    results = g.runLab({
      quick: true,
      sizes: { compareInitSteps: 400, depthEpochs: 2, depthRows: 300, depthLayers: 10, normalizationSteps: 200 },
    });
    written = await g.writeReport(results, out);
  }, 120_000);

  it('is one self-contained file with at least 8 plots and the summary', () => {
    const html = readFileSync(written.html, 'utf8');
    expect(written.plots).toBeGreaterThanOrEqual(8);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    for (const c of results.claims)
      expect(html).toContain(c.claim.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(JSON.parse(readFileSync(written.json, 'utf8')).format).toBe('gradlab.lab');
  });

  describe.skipIf(!hasBrowser)('in headless Chromium', () => {
    let browser: Browser;
    // biome-ignore lint/suspicious/noDuplicateTestHooks: this describe block's own hook (the browser), not the outer one's
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
        ],
      });
    }, 60_000);
    afterAll(async () => browser?.close());

    it('renders every plot with axes, without console errors, and saves a screenshot', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(written.html).href);
      const plots = await page.$$eval('figure[data-plot]', (figures) =>
        figures.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            id: f.getAttribute('data-plot'),
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            axes: f.querySelectorAll('g.role-axis').length,
            marks: f.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark rect, g.role-mark text').length,
          };
        }),
      );
      expect(plots.length).toBe(written.plots);
      for (const p of plots) {
        expect(p.width, p.id!).toBeGreaterThan(100);
        expect(p.height, p.id!).toBeGreaterThan(100);
        expect(p.axes, p.id!).toBeGreaterThanOrEqual(2);
        expect(p.marks, p.id!).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
      await page.screenshot({ path: join(out, 'screenshot.png'), fullPage: true });
      await page.screenshot({ path: join(out, 'screenshot-top.png') });
      expect(existsSync(join(out, 'screenshot.png'))).toBe(true);
    }, 60_000);
  });
});
