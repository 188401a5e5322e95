// Starts the benchmark worker and leaves its result where bench/browser-threads.mjs reads it.
const worker = new Worker(new URL('./threadsBench.js', import.meta.url), { type: 'module' });
worker.onmessage = (event) => {
  (globalThis as { benchResult?: unknown }).benchResult = event.data;
};
