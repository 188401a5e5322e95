import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundServer } from '../../src/node/playgroundServer.js';

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) console.log(`playground browser test skipped: no Chromium at ${CHROMIUM}`);
const out = fileURLToPath(new URL('../../test-output/playground/', import.meta.url));
const root = fileURLToPath(new URL('../../dist/playground-app/', import.meta.url));

describe.skipIf(!hasBrowser)('the playground in headless Chromium', () => {
  const server = createPlaygroundServer(root);
  let browser: Browser;
  let base = '';
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
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
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  async function open(query: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}?${query}`);
    await page.waitForFunction(() => document.getElementById('status')!.dataset.step !== undefined, null, {
      timeout: 15_000,
    });
    return page;
  }

  async function trainTo(page: Page, steps: number): Promise<Record<string, string>> {
    await page.click('#play');
    await page.waitForFunction((n) => Number(document.getElementById('status')!.dataset.step) >= n, steps, {
      timeout: 30_000,
    });
    await page.click('#play');
    await page.waitForTimeout(200);
    return page.$eval('#status', (e) => ({ ...(e as HTMLElement).dataset }) as Record<string, string>);
  }

  it('He: 300 steps bring the cost below half its start, fast, and the settings are in the URL', async () => {
    const page = await open('dataset=circles&init=he&depth=2&width=8&optimizer=sgd&learningRate=0.1&seed=1');
    expect(page.url()).toContain('init=he');
    const state = await trainTo(page, 300);
    expect(Number(state.cost)).toBeLessThan(Number(state.initialCost) / 2);
    expect(Number(state.stepsPerSecond)).toBeGreaterThanOrEqual(200);
    await page.screenshot({ path: `${out}he-trained.png`, fullPage: true });

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
    await page.screenshot({ path: `${out}gradcheck-bug.png`, fullPage: true });
  }, 90_000);

  it('zeros: the hidden units stay identical and accuracy stays near chance', async () => {
    const page = await open('dataset=circles&init=zeros&depth=2&width=8&optimizer=sgd&learningRate=0.1&seed=1');
    const state = await trainTo(page, 300);
    expect(state.symmetric).toBe('true');
    expect(Math.abs(Number(state.trainAccuracy) - 0.5)).toBeLessThan(0.1);
    await page.screenshot({ path: `${out}zeros.png`, fullPage: true });
  }, 90_000);

  it('works on a phone-sized viewport, and every control has a label', async () => {
    const page = await open('init=xavier&activation=tanh', { width: 390, height: 844 });
    const unlabeled = await page.$$eval('input, select', (els) =>
      els.filter((e) => !e.closest('label') && !e.getAttribute('aria-label')).map((e) => e.id),
    );
    expect(unlabeled).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dataset');
    await page.screenshot({ path: `${out}phone.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
