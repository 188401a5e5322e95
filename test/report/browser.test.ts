import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { CHROMIUM, hasBrowser, launchChromium } from '../chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import { renderHtml } from '../../src/report/html.js';
import { contrastRatio, parseColor } from './contrast.js';

if (!hasBrowser)
  console.log(
    `browser test skipped: no Chromium at ${CHROMIUM} (.ci/run installs the Debian package 'chromium'; it could not be installed here)`,
  );

const out = fileURLToPath(new URL('../../test-output/report', import.meta.url));
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('the lab report', () => {
  let written: { html: string; json: string; plots: number };
  let results: g.LabResults;
  let html: string;

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    // A small run of every experiment: this tests the report, the full-size claims run in the demo.
    results = g.runLab({
      quick: true,
      sizes: { compareInitSteps: 400, depthEpochs: 2, depthRows: 300, depthLayers: 10, normalizationSteps: 200 },
    });
    written = await g.writeReport(results, out);
    html = readFileSync(written.html, 'utf8');
  }, 120_000);

  it('is one self-contained file under 1 MB with at least 8 plots and the summary', () => {
    expect(written.plots).toBeGreaterThanOrEqual(8);
    // The page was 4.2 MB: each decision boundary was 490 KB of rectangles.
    expect(statSync(written.html).size).toBeLessThan(1_000_000);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    // Vector only (no embedded raster), so every plot is sharp at 2× zoom.
    expect(html).not.toMatch(/<image|data:image/);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    for (const c of results.claims) expect(html).toContain(escapeHtml(c.claim));
    expect(JSON.parse(readFileSync(written.json, 'utf8')).format).toBe('gradlab.lab');
  });

  it('gives each cost surface’s condition number in results.json and in its caption', () => {
    const saved = JSON.parse(readFileSync(written.json, 'utf8')) as g.LabResults;
    const surfaces = saved.normalization.contours!;
    const raw = surfaces.find((c) => c.setting === 'raw')!;
    const standardized = surfaces.find((c) => c.setting === 'standardized')!;
    expect(raw.conditionNumber).toBeGreaterThan(50 * standardized.conditionNumber);
    for (const c of surfaces) {
      const caption = g.buildCharts(saved).find((chart) => chart.id === `normalization-contour-${c.setting}`)!.caption;
      expect(caption).toContain(`κ = λmax / λmin = ${c.conditionNumber.toPrecision(3)}`);
      expect(caption).toMatch(/bias held at its value at the minimum/);
      expect(caption).toContain(`${saved.normalization.stableRiseFactor}×`);
    }
  });

  it('captions every figure with one sentence', () => {
    for (const c of g.buildCharts(results)) {
      expect(c.caption, c.id).toMatch(/^[A-Z].*\.$/s);
      // A second sentence would start after '. ' with a capital letter.
      expect(c.caption, c.id).not.toMatch(/[.!?] +[A-Z]/);
    }
  });

  it('shows the gradient check as a table first, then the plot, in words and in time order', () => {
    const figure = html.slice(html.indexOf('id="gradcheck-correct"'));
    expect(figure.indexOf('<table')).toBeGreaterThan(-1);
    expect(figure.indexOf('<table')).toBeLessThan(figure.indexOf('<svg'));
    for (const header of ['tensor', 'relative difference', 'verdict', 'worst entry', 'analytic', 'numeric'])
      expect(figure.slice(0, figure.indexOf('</table>'))).toContain(header);
    const svg = figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>'));
    expect(svg).toContain('analytic vs numeric');
    expect(svg).not.toMatch(/‖a ?− ?n‖/);
    // The legend lists "at initialization" before "after N steps", even if the results were stored the other way round.
    const legendOrder = (r: g.LabResults) =>
      g.buildCharts(r).find((c) => c.id === 'gradcheck-correct')!.spec as {
        layer: Array<{ encoding?: { color: { scale: { domain: string[] } } } }>;
      };
    const reversed = {
      ...results,
      gradcheck: { ...results.gradcheck, correct: [...results.gradcheck.correct].reverse() },
    };
    for (const r of [results, reversed])
      expect(legendOrder(r).layer[0].encoding?.color.scale.domain[0]).toBe('at initialization');
    expect(svg.indexOf('>at initialization<')).toBeLessThan(svg.search(/>after \d+ steps</));
  });

  it('renders a verdict it has never seen (e.g. inconclusive) as plain text with its own class', () => {
    const gc = results.gradcheck;
    const odd = {
      ...results,
      gradcheck: {
        ...gc,
        correct: gc.correct.map((c, i) =>
          i === 0
            ? {
                ...c,
                verdict: 'inconclusive',
                parameters: c.parameters.map((p) => ({ ...p, verdict: 'inconclusive' })),
              }
            : c,
        ),
        thresholds: { ...gc.thresholds, inconclusive: 1e-2 },
      },
    };
    const page = renderHtml(
      odd,
      g.buildCharts(odd).map((c) => ({ ...c, svg: '<svg></svg>' })),
    );
    expect(page).toContain('class="verdict verdict-inconclusive">inconclusive</td>');
  });

  describe.skipIf(!hasBrowser)('in headless Chromium', () => {
    let browser: Browser;
    // biome-ignore lint/suspicious/noDuplicateTestHooks: this describe block's own hook (the browser), not the outer one's
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => browser?.close());

    for (const width of [1280, 390])
      it(`renders every plot at ${width} px: axes, no console errors, no label cut off, AA contrast; keeps screenshots`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
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
              marks: f.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark rect, g.role-mark text')
                .length,
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

        // Nothing wider than the screen except inside a scrollable table box.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(overflow).toBeLessThanOrEqual(width);

        // Every SVG text inside its SVG, none truncated with an ellipsis.
        const cut = await page.$$eval('figure svg text', (texts) =>
          texts
            .filter((t) => (t.textContent ?? '').trim() !== '')
            .map((t) => {
              const box = t.getBoundingClientRect();
              const svg = t.closest('svg')!.getBoundingClientRect();
              const inside =
                box.left >= svg.left - 1 &&
                box.right <= svg.right + 1 &&
                box.top >= svg.top - 1 &&
                box.bottom <= svg.bottom + 1;
              return { text: t.textContent, inside, ellipsis: (t.textContent ?? '').includes('…') };
            })
            .filter((t) => !t.inside || t.ellipsis),
        );
        expect(cut).toEqual([]);

        // Every text against what is drawn under its centre: the first filled shape below it, else the page.
        const pairs = await page.evaluate(() => {
          const found: Array<{ text: string; fg: string; bg: string }> = [];
          const visibleFill = (el: Element) => {
            const fill = getComputedStyle(el).fill;
            return fill && fill !== 'none' && !/rgba\([^)]*,\s*0\)$/.test(fill) ? fill : null;
          };
          for (const t of Array.from(document.querySelectorAll('figure svg text'))) {
            const content = (t.textContent ?? '').trim();
            if (!content) continue;
            const box = t.getBoundingClientRect();
            t.scrollIntoView({ block: 'center' });
            const b = t.getBoundingClientRect();
            const under = document
              .elementsFromPoint(b.left + b.width / 2, b.top + b.height / 2)
              .filter(
                (e) =>
                  ['path', 'rect', 'circle', 'ellipse', 'polygon'].includes(e.tagName) && t.closest('svg')?.contains(e),
              )
              .map(visibleFill)
              .find((f) => f !== null);
            if (box.width > 0)
              found.push({ text: content, fg: getComputedStyle(t).fill, bg: under ?? 'rgb(255, 255, 255)' });
          }
          for (const el of Array.from(document.querySelectorAll('h1, h2, h3, p, td, th, figcaption'))) {
            let bgEl: Element | null = el;
            let bg = 'rgba(0, 0, 0, 0)';
            while (bgEl && /rgba\([^)]*,\s*0\)$/.test(bg)) {
              bg = getComputedStyle(bgEl).backgroundColor;
              bgEl = bgEl.parentElement;
            }
            found.push({ text: (el.textContent ?? '').slice(0, 40), fg: getComputedStyle(el).color, bg });
          }
          return found;
        });
        expect(pairs.length).toBeGreaterThan(100);
        const low = pairs
          .map((p) => ({ ...p, ratio: contrastRatio(parseColor(p.fg), parseColor(p.bg)) }))
          .filter((p) => p.ratio < 4.5);
        expect(low.map((p) => `${p.text}: ${p.fg} on ${p.bg} = ${p.ratio.toFixed(2)}`)).toEqual([]);

        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(out, `screenshot-${width}.png`), fullPage: true });
        await page.screenshot({ path: join(out, `screenshot-${width}-top.png`) });
        expect(existsSync(join(out, `screenshot-${width}.png`))).toBe(true);
        await page.close();
      }, 90_000);
  });
});
