// The tanh kernel's measured error against the tests' double-double reference (itself checked against
// mpmath), with Math.tanh's beside it, on the tests' 10⁶-point sample split by region.
// Usage: npx tsx bench/tanh-accuracy.ts [--exhaustive]
// --exhaustive also runs every float32 in [2⁻³⁰, 30] (≈10 s): monotone? equal to fround(Math.tanh)?
import { tanhKernel } from '../src/kernels/index.js';
import { Generator } from '../src/random/index.js';
import { referenceTanh, ulpError } from '../test/kernels/tanhReference.js';

const g = new Generator(21);
const regions: [string, () => number][] = [
  ['|x| uniform on [0, 25]', () => g.uniformRange(0, 25)],
  ['|x| = 2^u, u uniform on [−60, 0]', () => 2 ** g.uniformRange(-60, 0)],
  ['|x| in [0.5, 0.6] (branch junction 0.55)', () => g.uniformRange(0.5, 0.6)],
  ['|x| in [0.8, 0.9]', () => g.uniformRange(0.8, 0.9)],
  ['|x| in [18, 22] (saturation)', () => g.uniformRange(18, 22)],
];
const rows = [];
for (const [region, draw] of regions) {
  const xs = new Float64Array(200_000).map(() => (g.uniform() < 0.5 ? -draw() : draw()));
  const ys64 = tanhKernel(xs, new Float64Array(xs.length));
  const x32 = Float32Array.from(xs);
  const ys32 = tanhKernel(x32, new Float32Array(xs.length));
  const worst = { kernel: [0, 0], math: [0, 0], kernel32: [0, 0] };
  for (let i = 0; i < xs.length; i++) {
    const ref = referenceTanh(xs[i]);
    const errors = {
      kernel: ulpError(ys64[i], ref, 53),
      math: ulpError(Math.tanh(xs[i]), ref, 53),
      kernel32: ulpError(ys32[i], referenceTanh(x32[i]), 24),
    };
    for (const key of ['kernel', 'math', 'kernel32'] as const) {
      if (errors[key] > worst[key][0]) worst[key] = [errors[key], key === 'kernel32' ? x32[i] : xs[i]];
    }
  }
  const show = ([error, x]: number[]) => `${error.toFixed(3)} at ${x.toPrecision(17)}`;
  rows.push({
    region,
    'kernel f64 max ulp': show(worst.kernel),
    'Math.tanh max ulp': show(worst.math),
    'kernel f32 max ulp': show(worst.kernel32),
  });
}
console.table(rows);

if (process.argv.includes('--exhaustive')) {
  const bitsOf = (v: number) => new Uint32Array(Float32Array.of(v).buffer)[0];
  const [first, last] = [bitsOf(2 ** -30), bitsOf(30)];
  const chunk = 1 << 20;
  const bits = new Uint32Array(chunk);
  const xs = new Float32Array(bits.buffer);
  const ys = new Float32Array(chunk);
  let previous = -Infinity;
  let drops = 0;
  let differing = 0;
  for (let b = first; b <= last; b += chunk) {
    const m = Math.min(chunk, last - b + 1);
    for (let i = 0; i < m; i++) bits[i] = b + i;
    tanhKernel(xs.subarray(0, m), ys.subarray(0, m));
    for (let i = 0; i < m; i++) {
      if (ys[i] < previous) drops++;
      if (ys[i] !== Math.fround(Math.tanh(xs[i]))) differing++;
      previous = ys[i];
    }
  }
  console.log(
    `every float32 in [2^-30, 30]: ${last - first + 1} values, ${drops} decreases, ` +
      `${differing} differ from Math.fround(Math.tanh(x))`,
  );
}
