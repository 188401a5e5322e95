// The exp kernel's measured error against the tests' double-double reference (itself checked against
// mpmath), with Math.exp's beside it, on 200,000 points per region, and how often the two differ.
// Usage: npx tsx bench/exp-accuracy.ts
import { expKernel } from '../src/kernels/index.js';
import { Generator } from '../src/random/index.js';
import { expUlpError } from '../test/kernels/expReference.js';

const g = new Generator(3);
const regions: [string, () => number][] = [
  ['x uniform on [−745, 709.78]', () => g.uniformRange(-745, 709.78)],
  ['x uniform on [−30, 30]', () => g.uniformRange(-30, 30)],
  ['±2^u, u uniform on [−60, 0]', () => (g.uniform() < 0.5 ? -1 : 1) * 2 ** g.uniformRange(-60, 0)],
  ['x uniform on [−1, 1]', () => g.uniformRange(-1, 1)],
  ['subnormal results, x in [−745.13, −708.4]', () => g.uniformRange(-745.13, -708.4)],
];
const rows = [];
for (const [region, draw] of regions) {
  const xs = new Float64Array(200_000).map(draw);
  const ys = expKernel(xs, new Float64Array(xs.length));
  const x32 = Float32Array.from(xs.map((v) => Math.min(Math.max(v, -103), 88.7)));
  const ys32 = expKernel(x32, new Float32Array(xs.length));
  const worst = { kernel: [0, 0], math: [0, 0], kernel32: [0, 0] };
  let differ = 0;
  for (let i = 0; i < xs.length; i++) {
    const errors = {
      kernel: expUlpError(ys[i], xs[i], 53),
      math: expUlpError(Math.exp(xs[i]), xs[i], 53),
      kernel32: expUlpError(ys32[i], x32[i], 24),
    };
    for (const key of ['kernel', 'math', 'kernel32'] as const)
      if (errors[key] > worst[key][0]) worst[key] = [errors[key], key === 'kernel32' ? x32[i] : xs[i]];
    if (ys[i] !== Math.exp(xs[i])) differ++;
  }
  rows.push({
    region,
    'kernel max ulp': worst.kernel[0].toFixed(3),
    'at x': worst.kernel[1],
    'Math.exp max ulp': worst.math[0].toFixed(3),
    'float32 kernel max ulp': worst.kernel32[0].toFixed(3),
    'differs from Math.exp': `${((100 * differ) / xs.length).toFixed(1)} %`,
  });
}
console.table(rows);
