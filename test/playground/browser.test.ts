import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM, hasBrowser } from '../chromium.js';
import { describe, expect, it } from 'vitest';
import { servedPlayground } from './served.js';

if (!hasBrowser) console.log(`playground browser test skipped: no Chromium at ${CHROMIUM}`);
const out = fileURLToPath(new URL('../../test-output/playground/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// moons with x₁ stretched ×10 and shifted by +10: the features differ in scale and x₁ sits far from 0.
const STRETCHED = 'dataset=moons&stretch=10&shift=10&depth=2&width=8&init=he&optimizer=sgd&learningRate=0.1&seed=1';

type State = Record<string, string>;
const milestone = (state: State, cost: number): number | null =>
  (JSON.parse(state.milestones) as Array<[number, number | null]>).find(([c]) => c === cost)![1];

describe.skipIf(!hasBrowser)('the playground in headless Chromium', () => {
  const served = servedPlayground(() => mkdirSync(out, { recursive: true }));
  const errors: string[] = [];

  function watch(page: Page): void {
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => errors.push(e.message));
  }

  async function ready(page: Page): Promise<void> {
    await page.waitForFunction(() => document.getElementById('status')!.dataset.step !== undefined, null, {
      timeout: 15_000,
    });
  }

  async function open(query: string, viewport = DESKTOP): Promise<Page> {
    const page = await served.browser().newPage({ viewport });
    watch(page);
    await page.goto(`${served.base()}?${query}`);
    await ready(page);
    return page;
  }

  const status = (page: Page) =>
    page.$eval('#status', (e) => ({ ...(e as HTMLElement).dataset }) as Record<string, string>);

  async function trainTo(page: Page, steps: number): Promise<State> {
    await page.click('#play');
    await page.waitForFunction((n) => Number(document.getElementById('status')!.dataset.step) >= n, steps, {
      timeout: 30_000,
    });
    await page.click('#play');
    await page.waitForTimeout(200);
    return status(page);
  }

  /** The same state at both sizes; the page must not scroll sideways on a phone. */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${out}${name}-1280x800.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: page wider than a 390 px phone`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${out}${name}-390x844.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
  }

  it('stretched moons: raw inputs crawl (the scatter shows a ×25 wide cloud), normalized inputs are fast', async () => {
    const raw = await open(`${STRETCHED}&normalize=0&speed=0`);
    expect(Number(await raw.$eval('#raw', (e) => (e as HTMLElement).dataset.aspect))).toBeGreaterThan(10);
    expect(Number(await raw.$eval('#scaled', (e) => (e as HTMLElement).dataset.aspect))).toBeGreaterThan(10);
    const slow = await trainTo(raw, 300);
    await shoot(raw, 'stretched-raw');

    const scaled = await open(`${STRETCHED}&normalize=1&speed=0`);
    expect(Number(await scaled.$eval('#raw', (e) => (e as HTMLElement).dataset.aspect))).toBeGreaterThan(10);
    expect(Number(await scaled.$eval('#scaled', (e) => (e as HTMLElement).dataset.aspect))).toBeLessThan(2);
    const fast = await trainTo(scaled, 300);
    await shoot(scaled, 'stretched-normalized');

    // Steps until the training cost first fell below 0.3 (null: not within the run).
    const fastSteps = milestone(fast, 0.3);
    const slowSteps = milestone(slow, 0.3);
    expect(fastSteps).not.toBeNull();
    expect(fastSteps!).toBeLessThan(100);
    expect(slowSteps ?? Number(slow.step)).toBeGreaterThan(5 * fastSteps!);
    expect(Number(fast.cost)).toBeLessThan(Number(slow.cost));
    await raw.close();
    await scaled.close();
  }, 60_000);

  it('one step per animation frame: every snapshot is exactly one step further', async () => {
    const page = await open('dataset=spirals&speed=1');
    expect(await page.$eval('#speed', (e) => (e as HTMLSelectElement).value)).toBe('1');
    await page.evaluate(() => {
      const w = window as unknown as { steps: number[]; frames: number };
      w.steps = [];
      w.frames = 0;
      const count = () => {
        w.frames++;
        requestAnimationFrame(count);
      };
      requestAnimationFrame(count);
      new MutationObserver(() => w.steps.push(Number(document.getElementById('status')!.dataset.step))).observe(
        document.getElementById('status')!,
        { attributes: true, attributeFilter: ['data-step'] },
      );
    });
    await page.click('#play');
    await page.waitForFunction(() => (window as unknown as { steps: number[] }).steps.length >= 20, null, {
      timeout: 20_000,
    });
    await page.click('#play');
    const { steps, frames } = await page.evaluate(() => {
      const w = window as unknown as { steps: number[]; frames: number };
      return { steps: w.steps, frames: w.frames };
    });
    // A redraw of the same step (a mutation with an unchanged value) is not a step: drop zero deltas.
    const deltas = steps
      .slice(1)
      .map((s, i) => s - steps[i])
      .filter((d) => d !== 0);
    expect(deltas.length).toBeGreaterThanOrEqual(15);
    expect(new Set(deltas)).toEqual(new Set([1]));
    expect(steps[steps.length - 1]).toBeLessThanOrEqual(frames);
    await shoot(page, 'one-step-per-frame');

    // Display-only settings keep the run: the log-scale cost axis and a new speed do not restart training.
    const before = (await status(page)).step;
    await page.check('#logCost');
    await page.selectOption('#speed', '0');
    expect(page.url()).toContain('logCost=1');
    expect(page.url()).toContain('speed=0');
    expect((await status(page)).step).toBe(before);
    await shoot(page, 'log-cost');
    await page.close();
  }, 60_000);

  it('He trains and passes the gradient check; a planted bug fails; a changed setting clears the FAIL table', async () => {
    // tanh, not ReLU: training stops at a step that depends on the machine's speed, and a ReLU input
    // that happens to sit within 2ε of its kink makes the check rightly inconclusive (no derivative there).
    const page = await open(
      'dataset=circles&init=he&activation=tanh&depth=2&width=8&optimizer=sgd&learningRate=0.1&seed=1&speed=0',
    );
    expect(page.url()).toContain('init=he');
    const state = await trainTo(page, 300);
    expect(Number(state.cost)).toBeLessThan(Number(state.initialCost) / 2);

    await page.click('#check');
    await page.waitForSelector('#gradcheck[data-verdict]');
    expect(await page.$eval('#gradcheck', (e) => (e as HTMLElement).dataset.verdict)).toBe('pass');

    await page.selectOption('#bugParameter', '0.weight');
    await page.selectOption('#bugKind', 'scale');
    await page.click('#check');
    await page.waitForFunction(() => document.getElementById('gradcheck')!.dataset.verdict === 'fail');
    const failing = await page.$$eval('#gradcheck tr.verdict-fail td:first-child', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(failing).toEqual(['0.weight']);
    await shoot(page, 'gradcheck-fail');

    // Training on: the table stays, marked stale (it describes older weights).
    await page.click('#step');
    await page.waitForSelector('#gradcheck[data-stale] .stale-note');

    // A setting changes: the bug menu resets, and so does the table.
    await page.fill('#width', '6');
    await page.press('#width', 'Enter');
    await page.waitForFunction(() => document.getElementById('status')!.dataset.step === '0');
    expect(await page.$eval('#bugParameter', (e) => (e as HTMLSelectElement).value)).toBe('');
    expect(await page.$$('#gradcheck table')).toHaveLength(0);
    expect(await page.$eval('#gradcheck', (e) => (e as HTMLElement).dataset.verdict)).toBeUndefined();
    await shoot(page, 'setting-changed');
    await page.close();
  }, 60_000);

  it('zeros: the hidden units stay identical and accuracy stays near chance', async () => {
    const page = await open('dataset=circles&init=zeros&depth=2&width=8&optimizer=sgd&learningRate=0.1&seed=1&speed=0');
    const state = await trainTo(page, 300);
    expect(state.symmetric).toBe('true');
    expect(Math.abs(Number(state.trainAccuracy) - 0.5)).toBeLessThan(0.1);
    await shoot(page, 'zeros');
    await page.close();
  }, 60_000);

  it('dataset=upload without a stored upload falls back to circles and says so; a stored upload is restored', async () => {
    const page = await open('dataset=upload');
    expect(await page.$eval('#dataset', (e) => (e as HTMLSelectElement).value)).toBe('circles');
    expect(await page.isVisible('#notice')).toBe(true);
    expect(await page.textContent('#notice')).toContain('not stored');
    await shoot(page, 'upload-fallback');

    const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2}`);
    await page.setInputFiles('#upload', {
      name: 'mine.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`a,b,label\n${rows.join('\n')}\n`),
    });
    await page.waitForFunction(() => new URLSearchParams(location.search).get('dataset') === 'upload');
    await page.reload();
    await ready(page);
    expect(await page.$eval('#dataset', (e) => (e as HTMLSelectElement).value)).toBe('upload');
    expect(await page.isVisible('#notice')).toBe(false);
    await page.close();
  }, 60_000);

  it('every control has a name, every control and unit is reached by Tab, and focusing a unit shows its numbers', async () => {
    const page = await open('init=xavier&activation=tanh&depth=3&dropout=0.2', PHONE);
    // Dense layers are numbered 1, 2, 3 (dropout layers between them are not counted), in the diagram and the bug menu.
    expect(await page.$$eval('#network .layer-name', (els) => els.map((e) => e.textContent))).toEqual([
      'dense 1',
      'dense 2',
      'dense 3',
      'output',
      'inputs',
    ]);
    expect(await page.$$eval('#bugParameter option', (els) => els.map((e) => e.textContent))).toContain(
      'dense 3 weight (4.weight)',
    );
    const tree = await page.ariaSnapshot();
    const controls = tree.split('\n').filter((l) => /^\s*- (combobox|spinbutton|checkbox|button|textbox)\b/.test(l));
    expect(controls.length).toBeGreaterThan(20);
    expect(controls.filter((l) => !/- \w+ "[^"]+"/.test(l))).toEqual([]);

    const wanted = await page.$$eval('input, select, button, a[href]', (els) =>
      els.map((e) => e.id || (e as HTMLAnchorElement).href),
    );
    const reached = new Set<string>();
    let unitDetails = '';
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return e ? e.id || (e as HTMLAnchorElement).href || e.getAttribute('aria-label') || '' : '';
      });
      reached.add(focused);
      if (focused.startsWith('dense 1, unit 1') && !unitDetails)
        unitDetails = (await page.textContent('#unit-details')) ?? '';
    }
    expect(wanted.filter((id) => !reached.has(id))).toEqual([]);
    expect(unitDetails).toMatch(/dense 1, unit 1 \(tanh\) · bias .* weights in: x₁ .*, x₂ .* mean .* std/);
    await shoot(page, 'keyboard');
    await page.close();
  }, 60_000);

  it('no console errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
