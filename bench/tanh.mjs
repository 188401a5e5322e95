// The tanh kernel (assembly/activations.ts, through tanhKernel: copies in and out of WASM memory
// included) against a dedicated Math.tanh loop, float64 and float32, n = 4,096 and 1,000,000.
// Usage: npm run build && node bench/tanh.mjs [rounds = 7]
// The two alternate within each round; the table shows the median over rounds of the CPU time per element
// (process.cpuUsage: user + system, so that time the process spends descheduled on a shared machine
// does not count) and the median of the per-round ratios.
import { tanhKernel } from '../dist/kernels/index.js';
import { inputs, median, time } from './kernelTiming.mjs';

const rounds = Number(process.argv[2] ?? 7);

// One loop per array type, so that each stays monomorphic (a shared loop slows down once it has seen both).
function loop64(x, out) {
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
}
function loop32(x, out) {
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
}

const rows = [];
for (const [dtype, Type] of [
  ['float64', Float64Array],
  ['float32', Float32Array],
]) {
  for (const n of [4096, 1_000_000]) {
    const x = inputs(Type, n, -3, 3);
    const out = new Type(n);
    const loop = dtype === 'float64' ? () => loop64(x, out) : () => loop32(x, out);
    const kernel = () => tanhKernel(x, out);
    const loopTimes = [];
    const kernelTimes = [];
    const ratios = [];
    for (let r = 0; r < rounds; r++) {
      loopTimes.push(time(loop, n));
      kernelTimes.push(time(kernel, n));
      ratios.push(loopTimes[r] / kernelTimes[r]);
    }
    rows.push({
      dtype,
      n,
      'Math.tanh loop ns/elem': median(loopTimes).toFixed(2),
      'kernel ns/elem': median(kernelTimes).toFixed(2),
      speed_up: median(ratios).toFixed(2),
    });
  }
}
console.table(rows);
