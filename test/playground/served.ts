import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createPlaygroundServer } from '../../src/node/playgroundServer.js';
import { launchChromium } from '../chromium.js';

/** The built playground (npm run build), served on a free loopback port. */
export const PLAYGROUND_ROOT = fileURLToPath(new URL('../../dist/playground-app/', import.meta.url));

/**
 * Serves the built playground and launches headless Chromium for the enclosing describe block (hooks
 * registered here); `before` runs first (e.g. to create an output folder).
 */
export function servedPlayground(before: () => void = () => {}): { base(): string; browser(): Browser } {
  const server = createPlaygroundServer(PLAYGROUND_ROOT);
  let browser: Browser;
  let base = '';
  beforeAll(async () => {
    before();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => server.close(() => ok()));
  });
  return { base: () => base, browser: () => browser };
}
