import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, hasBrowser } from '../chromium.js';
import { servedPlayground } from './served.js';

// The playground in headless Chromium: cross-origin isolated (the server's COOP/COEP headers), its training
// worker runs large matrix products on two threads, bit-identical to one; without the headers, one thread.
if (!hasBrowser) console.log(`playground threads test skipped: no Chromium at ${CHROMIUM}`);

interface ThreadsState {
  isolated: boolean;
  threads?: string;
  identical?: string;
  helperPieces?: string;
  text: string;
}

describe.skipIf(!hasBrowser)('two threads for matrix products in the playground', () => {
  const served = servedPlayground();

  /** Opens the playground and waits for its training worker to report how many threads it uses. */
  async function threadsOf(page: Page, errors: string[]): Promise<ThreadsState> {
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(`${served.base()}?dataset=moons`);
    await page.waitForFunction(() => document.getElementById('threads')!.dataset.threads !== undefined, null, {
      timeout: 30_000,
    });
    return page.evaluate(() => {
      const box = document.getElementById('threads')!;
      return { isolated: globalThis.crossOriginIsolated, ...box.dataset, text: box.textContent ?? '' };
    });
  }

  it('sends the isolation headers with every response, also errors', async () => {
    for (const path of ['', 'index.html', 'no-such-file']) {
      const response = await fetch(`${served.base()}${path}`);
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    }
  });

  it('runs products above the threshold on two threads when isolated, with one thread’s bits', async () => {
    const page = await served.browser().newPage();
    const errors: string[] = [];
    const state = await threadsOf(page, errors);
    expect(state.isolated).toBe(true);
    expect(state.threads).toBe('2');
    // The worker multiplied 128×784 by 784×256 (float32, float64) with setMatmulThreads(1) and (2).
    expect(state.identical).toBe('true');
    expect(Number(state.helperPieces)).toBeGreaterThan(0);
    expect(state.text).toContain('2 threads');
    // Training still works beside the helper.
    await page.click('#step');
    await page.waitForFunction(() => Number(document.getElementById('status')!.dataset.step) >= 1, null, {
      timeout: 15_000,
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('stays on one thread on a page that is not cross-origin isolated', async () => {
    const page = await served.browser().newPage();
    // The same files without COOP/COEP: no SharedArrayBuffer, so no helper is even created.
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const errors: string[] = [];
    const state = await threadsOf(page, errors);
    expect(state.isolated).toBe(false);
    expect(state.threads).toBe('1');
    expect(state.identical).toBe('null');
    expect(state.text).toContain('not cross-origin isolated');
    expect(workers.filter((url) => url.includes('matmulWorker'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
