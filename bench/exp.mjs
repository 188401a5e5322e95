// The exp kernel (assembly/activations.ts, through expKernel: copies in and out of WASM memory included)
// against a dedicated Math.exp loop, and logSoftmax (which calls the kernel once over its block of shifted
// logits) against the previous all-JavaScript logSoftmax with Math.exp, on the gradient check's [32, 10]
// logits and on [128, 10], float64 and float32.
// Usage: npm run build && node bench/exp.mjs [rounds = 7]
// The two alternate within each round; the table shows the median over rounds of the CPU time per element
// (process.cpuUsage: user + system) and the median of the per-round ratios.
import { expKernel, logSoftmax } from '../dist/kernels/index.js';
import { inputs, median, time } from './kernelTiming.mjs';

const rounds = Number(process.argv[2] ?? 7);

// One loop per array type, so that each stays monomorphic.
function loop64(x, out) {
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
}
function loop32(x, out) {
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
}

/** logSoftmax over rows of k as it was before the kernel: max, Σ Math.exp(x − max), x − (max + log Σ). */
function makeMathLogSoftmax() {
  return (a, rows, k, out) => {
    for (let o = 0; o < rows; o++) {
      const base = o * k;
      let max = -Infinity;
      for (let r = 0; r < k; r++) max = Math.max(max, a[base + r]);
      if (max === -Infinity) max = 0;
      let sum = 0;
      for (let r = 0; r < k; r++) sum += Math.exp(a[base + r] - max);
      const logZ = max + Math.log(sum);
      for (let r = 0; r < k; r++) out[base + r] = a[base + r] - logZ;
    }
    return out;
  };
}

function compare(label, dtype, n, baseline, kernel) {
  const baseTimes = [];
  const kernelTimes = [];
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    baseTimes.push(time(baseline, n));
    kernelTimes.push(time(kernel, n));
    ratios.push(baseTimes[r] / kernelTimes[r]);
  }
  return {
    what: label,
    dtype,
    'Math.exp ns/elem': median(baseTimes).toFixed(2),
    'kernel ns/elem': median(kernelTimes).toFixed(2),
    speed_up: median(ratios).toFixed(2),
  };
}

const rows = [];
for (const [dtype, Type] of [
  ['float64', Float64Array],
  ['float32', Float32Array],
]) {
  for (const [batch, k] of [
    [32, 10],
    [128, 10],
  ]) {
    const x = inputs(Type, batch * k, -8, 8);
    const out = new Type(batch * k);
    const mathLogSoftmax = makeMathLogSoftmax(); // a fresh closure per type keeps it monomorphic
    rows.push(
      compare(
        `logSoftmax [${batch}, ${k}]`,
        dtype,
        batch * k,
        () => mathLogSoftmax(x, batch, k, out),
        () => logSoftmax(x, batch, k, 1, out),
      ),
    );
  }
  for (const n of [320, 4096, 1_000_000]) {
    const x = inputs(Type, n, -8, 8);
    const out = new Type(n);
    const loop = dtype === 'float64' ? () => loop64(x, out) : () => loop32(x, out);
    rows.push(compare(`exp, n = ${n}`, dtype, n, loop, () => expKernel(x, out)));
  }
}
console.table(rows);
