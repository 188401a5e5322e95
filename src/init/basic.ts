import { ArgumentError, ShapeError, formatShape } from '../errors.js';
import { makeInitializer, requireNumber, type Initializer } from './initializer.js';

/** All weights v (constant). zeros and ones are constant(0) and constant(1). */
export function constant(options: { value?: number } = {}): Initializer {
  const value = requireNumber('constant', options.value, 0);
  return makeInitializer(
    'constant',
    { value },
    {
      describe: () => `every weight = ${value}`,
      expectedStd: () => 0,
      fill: (out) => void out.fill(value),
    },
  );
}

export function zeros(): Initializer {
  return { ...constant({ value: 0 }), name: 'zeros', toJSON: () => ({ name: 'zeros', config: {} }) };
}

export function ones(): Initializer {
  return { ...constant({ value: 1 }), name: 'ones', toJSON: () => ({ name: 'ones', config: {} }) };
}

/** gain·I for a 2-D weight (1 on the diagonal of a non-square matrix, 0 elsewhere). */
export function identity(options: { gain?: number } = {}): Initializer {
  const gain = requireNumber('identity', options.gain, 1);
  return makeInitializer(
    'identity',
    { gain },
    {
      describe: () => `${gain}·I`,
      expectedStd: () => null,
      fill: (out, shape) => {
        if (shape.length !== 2) throw new ShapeError(`identity: needs a 2-D weight, got ${formatShape(shape)}`);
        out.fill(0);
        for (let i = 0; i < Math.min(shape[0], shape[1]); i++) out[i * shape[1] + i] = gain;
      },
    },
  );
}

/** normal(mean, std). */
export function randomNormal(options: { mean?: number; std?: number } = {}): Initializer {
  const mean = requireNumber('randomNormal', options.mean, 0);
  const std = requireNumber('randomNormal', options.std, 0.05);
  if (std < 0) throw new ArgumentError(`randomNormal: std must be ≥ 0, got ${std}`);
  return makeInitializer(
    'randomNormal',
    { mean, std },
    {
      describe: () => `normal(${mean}, ${std})`,
      expectedStd: () => std,
      fill: (out, _shape, gen) => {
        for (let i = 0; i < out.length; i++) out[i] = mean + std * gen.normal();
      },
    },
  );
}

/** uniform(min, max). */
export function randomUniform(options: { min?: number; max?: number } = {}): Initializer {
  const min = requireNumber('randomUniform', options.min, -0.05);
  const max = requireNumber('randomUniform', options.max, 0.05);
  if (!(min <= max)) throw new ArgumentError(`randomUniform: min (${min}) must not exceed max (${max})`);
  return makeInitializer(
    'randomUniform',
    { min, max },
    {
      describe: () => `uniform(${min}, ${max})`,
      expectedStd: () => (max - min) / Math.sqrt(12),
      fill: (out, _shape, gen) => {
        for (let i = 0; i < out.length; i++) out[i] = gen.uniformRange(min, max);
      },
    },
  );
}

/**
 * normal(mean, std) conditioned on [a, b] in absolute units, like PyTorch's trunc_normal_ (defaults
 * a = mean − 2·std, b = mean + 2·std). The std of the result is smaller than `std`; for the
 * variance-preserving schemes use varianceScaling with distribution 'truncatedNormal', which rescales.
 */
export function truncatedNormal(options: { mean?: number; std?: number; a?: number; b?: number } = {}): Initializer {
  const mean = requireNumber('truncatedNormal', options.mean, 0);
  const std = requireNumber('truncatedNormal', options.std, 0.05);
  const a = requireNumber('truncatedNormal', options.a, mean - 2 * std);
  const b = requireNumber('truncatedNormal', options.b, mean + 2 * std);
  if (!(std > 0) || !(a < b))
    throw new ArgumentError(`truncatedNormal: need std > 0 and a < b, got std=${std}, a=${a}, b=${b}`);
  const lo = (a - mean) / std;
  const hi = (b - mean) / std;
  return makeInitializer(
    'truncatedNormal',
    { mean, std, a, b },
    {
      describe: () => `normal(${mean}, ${std}) truncated to [${a}, ${b}]`,
      expectedStd: () => std * truncatedStdFactor(lo, hi),
      fill: (out, _shape, gen) => {
        for (let i = 0; i < out.length; i++) out[i] = mean + std * gen.truncatedNormal(lo, hi);
      },
    },
  );
}

const SQRT2PI = Math.sqrt(2 * Math.PI);

/** erf by Abramowitz–Stegun 7.1.26 (absolute error below 1.5e-7), enough for a reported std. */
function erf(x: number): number {
  const sign = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}

/** std of a standard normal conditioned on [lo, hi]. */
export function truncatedStdFactor(lo: number, hi: number): number {
  const pdf = (x: number) => Math.exp(-0.5 * x * x) / SQRT2PI;
  const cdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
  const z = cdf(hi) - cdf(lo);
  const m = (pdf(lo) - pdf(hi)) / z;
  const v = 1 + (lo * pdf(lo) - hi * pdf(hi)) / z - m * m;
  return Math.sqrt(v);
}
