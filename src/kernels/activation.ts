import type { FloatArray } from './types.js';
import { tanhKernel } from './wasm/activations.js';

// The dense layer's elementwise passes, one small function per activation. In one function with a
// switch over the activation (their former home, src/ops/linearActivation.ts), V8 compiled the loops
// on-stack while the function was still young and threw that code away on every call ("insufficient
// type feedback", 12 deoptimizations in 4 epochs): the loops ran mostly unoptimized, 7 ns per element
// where these take 1.2–1.9 (node --cpu-prof, node --trace-deopt; MLP 784-256-128-10, batch 128).

export type DenseActivation = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid';

/** σ(x) = 1 / (1 + e^−x), evaluated so that neither branch overflows. */
export function stableSigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** out[i, j] += b[j] over an m×n row-major matrix. */
export function addRowVector(out: FloatArray, b: FloatArray, m: number, n: number): FloatArray {
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] += b[j];
  }
  return out;
}

/** z ← f(z + b) in place, in one pass over the m×n product (b may be null: no bias). */
export function biasActivate(
  z: FloatArray,
  b: FloatArray | null,
  m: number,
  n: number,
  activation: DenseActivation,
  slope: number,
): FloatArray {
  if (b) {
    if (activation === 'relu') return biasRelu(z, b, m, n);
    addRowVector(z, b, m, n);
  }
  switch (activation) {
    case 'relu':
      return reluInPlace(z);
    case 'leakyRelu':
      return leakyReluInPlace(z, slope);
    case 'tanh':
      return tanhInPlace(z);
    case 'sigmoid':
      return sigmoidInPlace(z);
  }
}

// relu keeps NaN (max(x, 0) would too) and maps −0 to 0, as Math.max(x, 0) does.
function biasRelu(z: FloatArray, b: FloatArray, m: number, n: number): FloatArray {
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) z[row + j] = Math.max(z[row + j] + b[j], 0);
  }
  return z;
}

function reluInPlace(z: FloatArray): FloatArray {
  const size = z.length;
  for (let i = 0; i < size; i++) z[i] = Math.max(z[i], 0);
  return z;
}

function leakyReluInPlace(z: FloatArray, slope: number): FloatArray {
  const size = z.length;
  for (let i = 0; i < size; i++) if (z[i] < 0) z[i] *= slope;
  return z;
}

// The tanh op's kernel, so the fused dense layer and the unfused ops agree bit for bit.
function tanhInPlace(z: FloatArray): FloatArray {
  return tanhKernel(z, z);
}

function sigmoidInPlace(z: FloatArray): FloatArray {
  const size = z.length;
  for (let i = 0; i < size; i++) z[i] = stableSigmoid(z[i]);
  return z;
}

/**
 * g = dy ⊙ f′, with f′ read from the activation's output a (see src/ops/linearActivation.ts for the
 * rules), in one pass; with `columnSums`, also columnSums[j] = Σ_i g[i, j] (the bias gradient) in that
 * pass for relu (the same sums, row by row, as sumAxes over axis 0).
 */
export function activationGrad(
  a: FloatArray,
  dy: FloatArray,
  g: FloatArray,
  activation: DenseActivation,
  slope: number,
  columnSums: FloatArray | null = null,
): FloatArray {
  if (columnSums && activation === 'relu') return reluGradSums(a, dy, g, columnSums);
  if (columnSums) {
    activationGrad(a, dy, g, activation, slope);
    addColumns(g, columnSums);
    return g;
  }
  switch (activation) {
    case 'relu':
      return reluGrad(a, dy, g);
    case 'leakyRelu':
      return leakyReluGrad(a, dy, g, slope);
    case 'tanh':
      return tanhGrad(a, dy, g);
    case 'sigmoid':
      return sigmoidGrad(a, dy, g);
  }
}

function reluGrad(a: FloatArray, dy: FloatArray, g: FloatArray): FloatArray {
  const size = g.length;
  for (let i = 0; i < size; i++) g[i] = a[i] > 0 ? dy[i] : 0;
  return g;
}

function leakyReluGrad(a: FloatArray, dy: FloatArray, g: FloatArray, slope: number): FloatArray {
  const size = g.length;
  for (let i = 0; i < size; i++) g[i] = a[i] > 0 ? dy[i] : slope * dy[i];
  return g;
}

function tanhGrad(a: FloatArray, dy: FloatArray, g: FloatArray): FloatArray {
  const size = g.length;
  for (let i = 0; i < size; i++) g[i] = dy[i] * (1 - a[i] * a[i]);
  return g;
}

function sigmoidGrad(a: FloatArray, dy: FloatArray, g: FloatArray): FloatArray {
  const size = g.length;
  for (let i = 0; i < size; i++) g[i] = dy[i] * a[i] * (1 - a[i]);
  return g;
}

function reluGradSums(a: FloatArray, dy: FloatArray, g: FloatArray, sums: FloatArray): FloatArray {
  const n = sums.length;
  const size = g.length;
  sums.fill(0);
  for (let row = 0; row < size; row += n) {
    for (let j = 0; j < n; j++) {
      const i = row + j;
      const v = a[i] > 0 ? dy[i] : 0;
      g[i] = v;
      sums[j] += v;
    }
  }
  return g;
}

/** sums[j] = Σ_i g[i, j], rows in order (as sumAxes over axis 0). */
function addColumns(g: FloatArray, sums: FloatArray): void {
  const n = sums.length;
  sums.fill(0);
  for (let row = 0; row < g.length; row += n) for (let j = 0; j < n; j++) sums[j] += g[row + j];
}
