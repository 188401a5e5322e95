import { ArgumentError, DataError } from '../errors.js';

/**
 * Logistic regression on two features, written out in closed form so that the report's contour
 * picture, its descent path and the surface's Hessian all describe exactly the same function.
 * (test/experiments/costSurface.test.ts checks cost and gradient against the library's autodiff.)
 */
export interface TwoFeatureProblem {
  /** Rows of [x₁, x₂], row-major, length 2·m. */
  x: Float64Array;
  /** Labels in {0, 1}, length m. */
  y: Float64Array;
}

/** A point of the full parameter space: the two weights and the bias. */
export interface LogisticParameters {
  w1: number;
  w2: number;
  b: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** J = (1/m) Σ [max(z, 0) − z·y + log(1 + e^(−|z|))], z = w₁x₁ + w₂x₂ + b: mean binary cross-entropy from logits. */
export function logisticCost(problem: TwoFeatureProblem, p: LogisticParameters): number {
  const { x, y } = problem;
  const m = y.length;
  let total = 0;
  for (let r = 0; r < m; r++) {
    const z = p.w1 * x[2 * r] + p.w2 * x[2 * r + 1] + p.b;
    total += Math.max(z, 0) - z * y[r] + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return total / m;
}

/** ∂J/∂(w₁, w₂, b) = (1/m) Σ (σ(z) − y)·(x₁, x₂, 1). */
export function logisticGradient(problem: TwoFeatureProblem, p: LogisticParameters): [number, number, number] {
  const { x, y } = problem;
  const m = y.length;
  const g: [number, number, number] = [0, 0, 0];
  for (let r = 0; r < m; r++) {
    const x1 = x[2 * r];
    const x2 = x[2 * r + 1];
    const e = sigmoid(p.w1 * x1 + p.w2 * x2 + p.b) - y[r];
    g[0] += e * x1;
    g[1] += e * x2;
    g[2] += e;
  }
  return [g[0] / m, g[1] / m, g[2] / m];
}

/** ∂²J/∂θ² = (1/m) Σ σ(z)(1 − σ(z))·v vᵀ with v = (x₁, x₂, 1): exact, 3 × 3, over (w₁, w₂, b). */
export function logisticHessian(problem: TwoFeatureProblem, p: LogisticParameters): number[][] {
  const { x, y } = problem;
  const m = y.length;
  const h = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let r = 0; r < m; r++) {
    const v = [x[2 * r], x[2 * r + 1], 1];
    const s = sigmoid(p.w1 * v[0] + p.w2 * v[1] + p.b);
    const weight = (s * (1 - s)) / m;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) h[i][j] += weight * v[i] * v[j];
  }
  return h;
}

/** Solves the 3 × 3 system A·d = g by Gaussian elimination with partial pivoting. */
function solve3(a: number[][], g: number[]): number[] {
  const rows = a.map((row, i) => [...row, g[i]]);
  for (let c = 0; c < 3; c++) {
    let pivot = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(rows[r][c]) > Math.abs(rows[pivot][c])) pivot = r;
    [rows[c], rows[pivot]] = [rows[pivot], rows[c]];
    for (let r = c + 1; r < 3; r++) {
      const f = rows[r][c] / rows[c][c];
      for (let k = c; k < 4; k++) rows[r][k] -= f * rows[c][k];
    }
  }
  const d = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = rows[r][3];
    for (let k = r + 1; k < 3; k++) s -= rows[r][k] * d[k];
    d[r] = s / rows[r][r];
  }
  return d;
}

/**
 * The minimum of J over (w₁, w₂, b) by Newton's method, θ ← θ − H⁻¹∇J, halving a step that would
 * raise the cost. Converges in about ten steps on breast_cancer. Throws when there is no unique
 * finite minimum: a singular Hessian (a feature that is zero everywhere) or separable classes
 * (every σ(z)(1 − σ(z)) vanishes as the weights run off to infinity).
 */
export function logisticMinimum(problem: TwoFeatureProblem, maxIterations = 100): LogisticParameters {
  let p: LogisticParameters = { w1: 0, w2: 0, b: 0 };
  let cost = logisticCost(problem, p);
  for (let it = 0; it < maxIterations; it++) {
    const g = logisticGradient(problem, p);
    if (Math.hypot(...g) < 1e-12) break;
    const d = solve3(logisticHessian(problem, p), g);
    if (!d.every(Number.isFinite))
      throw new DataError('logisticMinimum: the Hessian is singular (is a feature constant or zero?)');
    let t = 1;
    let next = { w1: p.w1 - d[0], w2: p.w2 - d[1], b: p.b - d[2] };
    let nextCost = logisticCost(problem, next);
    while (!(nextCost <= cost) && t > 1e-10) {
      t /= 2;
      next = { w1: p.w1 - t * d[0], w2: p.w2 - t * d[1], b: p.b - t * d[2] };
      nextCost = logisticCost(problem, next);
    }
    if (!(nextCost <= cost)) break;
    p = next;
    cost = nextCost;
  }
  const curvature = logisticHessian(problem, p);
  if (Math.hypot(...logisticGradient(problem, p)) > 1e-8 || curvature[2][2] < 1e-9)
    throw new DataError(
      `logisticMinimum: no finite minimum after ${maxIterations} Newton steps (are the classes separable?)`,
    );
  return p;
}

/** Eigenvalues of the symmetric [[a, b], [b, c]]: (a + c)/2 ± √(((a − c)/2)² + b²), largest first. */
export function symmetricEigenvalues2(h: number[][]): [number, number] {
  const mean = (h[0][0] + h[1][1]) / 2;
  const radius = Math.hypot((h[0][0] - h[1][1]) / 2, h[0][1]);
  return [mean + radius, mean - radius];
}

/** The 2 × 2 Hessian of J over the two weights (the bias held), its eigenvalues and κ = λ_max / λ_min. */
export function weightHessian(problem: TwoFeatureProblem, p: LogisticParameters) {
  const full = logisticHessian(problem, p);
  const hessian = [
    [full[0][0], full[0][1]],
    [full[1][0], full[1][1]],
  ];
  const eigenvalues = symmetricEigenvalues2(hessian);
  return { hessian, eigenvalues, conditionNumber: eigenvalues[0] / eigenvalues[1] };
}

/** J on a square grid of `size`² points centred on (w₁, w₂) = centre, the bias fixed: cost[i][j] at (w1[j], w2[i]). */
export function costGrid(
  problem: TwoFeatureProblem,
  centre: LogisticParameters,
  halfWidth: number,
  size: number,
): { w1: number[]; w2: number[]; cost: number[][] } {
  if (!(halfWidth > 0) || size < 2)
    throw new ArgumentError(`costGrid: needs halfWidth > 0 and size ≥ 2, got ${halfWidth} and ${size}`);
  const axis = (c: number) => Array.from({ length: size }, (_, i) => c - halfWidth + (2 * halfWidth * i) / (size - 1));
  const w1 = axis(centre.w1);
  const w2 = axis(centre.w2);
  const cost = w2.map((b2) => w1.map((b1) => logisticCost(problem, { w1: b1, w2: b2, b: centre.b })));
  return { w1, w2, cost };
}
