// Timing helpers shared by the elementwise-kernel benchmarks (bench/tanh.mjs, bench/exp.mjs).
import { performance } from 'node:perf_hooks';

/** n values uniform on [low, high] from a fixed linear congruential sequence, as a `Type` array. */
export function inputs(Type, n, low, high) {
  const x = new Type(n);
  let state = 12345;
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    x[i] = (state / 2147483648) * (high - low) + low;
  }
  return x;
}

/**
 * CPU nanoseconds per element of fn over n elements, repeated for ≥ 50 ms of wall time
 * (process.cpuUsage: user + system, so that time the process spends descheduled does not count).
 */
export function time(fn, n) {
  fn();
  let repeats = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  do {
    fn();
    repeats++;
  } while (performance.now() - start < 50);
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) * 1000) / (repeats * n);
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
