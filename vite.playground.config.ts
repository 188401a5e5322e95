import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The playground page, built for browsers from the same library sources (WASM kernels included).
export default defineConfig({
  root: fileURLToPath(new URL('./playground', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/playground-app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  logLevel: 'warn',
});
