import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { CROSS_ORIGIN_ISOLATION } from './src/node/playgroundServer.js';

// The playground web app, built for browsers from the library's browser entry (WASM kernels included).
// 'gradlab/browser' resolves to this checkout's sources, as a user's bundler resolves the package's export.
export default defineConfig({
  root: fileURLToPath(new URL('./playground-app', import.meta.url)),
  base: './',
  resolve: { alias: { 'gradlab/browser': fileURLToPath(new URL('./src/browser.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist/playground-app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  // `vite --config vite.playground.config.ts` (dev and preview) isolates the page as `gradlab playground` does.
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  logLevel: 'warn',
});
