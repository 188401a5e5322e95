// Matrix products on one thread against two, in one process: prints JSON with GFLOP/s of each and
// whether the bits agree. Decides PARALLEL_MATMUL_THRESHOLD (src/kernels/threads.ts).
// argv: <float32|float64> <m> <k> <n> [repeats] [transposeA 0|1] [transposeB 0|1]
import { performance } from 'node:perf_hooks';
import '../dist/index.js'; // registers the helper thread
import * as kernels from '../dist/kernels/index.js';

const [dtype, mArg, kArg, nArg, repeatsArg = '5', ta = '0', tb = '0'] = process.argv.slice(2);
const [m, k, n] = [mArg, kArg, nArg].map(Number);
const Type = dtype === 'float32' ? Float32Array : Float64Array;
const a = Type.from({ length: m * k }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
const b = Type.from({ length: k * n }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5);
const multiply = (out) => kernels.matmul(a, b, out, m, k, n, ta === '1', tb === '1');
const one = new Type(m * n);
const two = new Type(m * n);
kernels.setParallelMatmulThreshold(0); // split every product, to find where it starts paying
kernels.setMatmulThreads(2);
multiply(two); // starts the helper
await new Promise((resolve) => setTimeout(resolve, 300));
const flops = 2 * m * k * n;
const reps = Math.max(1, Math.round(1e8 / flops));
const rate = (threads, out) => {
  kernels.setMatmulThreads(threads);
  multiply(out);
  const t = performance.now();
  for (let i = 0; i < reps; i++) multiply(out);
  return (reps * flops) / ((performance.now() - t) / 1000) / 1e9;
};
const gflops = { one: [], two: [] };
for (let r = 0; r < Number(repeatsArg); r++) {
  gflops.one.push(rate(1, one));
  gflops.two.push(rate(2, two));
}
const identical = one.every((v, i) => Object.is(v, two[i]));
process.stdout.write(`${JSON.stringify({ dtype, m, k, n, gflops, identical })}\n`);
process.exit(0);
