// Matrix-product throughput in a fresh process; prints JSON. argv: <engine> <variant> <n> <repeats>
//   gradlab float32|float64|js64   tfjs cpu|wasm
import { performance } from 'node:perf_hooks';

const [engine, variant, nArg, repeatsArg] = process.argv.slice(2);
const n = Number(nArg);
const repeats = Number(repeatsArg ?? 5);
const flops = 2 * n * n * n;

let multiply;
if (engine === 'gradlab') {
  const kernels = await import('../dist/kernels/index.js');
  const Type = variant === 'float32' ? Float32Array : Float64Array;
  const a = Type.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const b = Type.from({ length: n * n }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5);
  const out = new Type(n * n);
  if (variant === 'js64') kernels.setKernelBackend('js');
  multiply = () => kernels.matmul(a, b, out, n, n, n, false, false);
} else {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  if (variant === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(variant);
  await tf.ready();
  const a = tf.randomUniform([n, n]);
  const b = tf.randomUniform([n, n]);
  multiply = async () => {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  };
}
await multiply();
const gflops = [];
for (let r = 0; r < repeats; r++) {
  const reps = Math.max(1, Math.round(2e8 / flops));
  const t = performance.now();
  for (let i = 0; i < reps; i++) await multiply();
  gflops.push((reps * flops) / ((performance.now() - t) / 1000) / 1e9);
}
process.stdout.write(`${JSON.stringify({ gflops })}\n`);
