import { ShapeError, formatShape } from '../errors.js';
import { toGenerator, type Seed } from '../random/index.js';
import { assertDType, type DType, type TypedArray } from './dtype.js';
import { allocate } from './pool.js';
import { assertValidShape, sizeOf, type Shape } from './shape.js';
import { Tensor, type NestedArray } from './tensor.js';

export interface CreateOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function fillFlat(values: NestedArray, shape: readonly number[], out: TypedArray): void {
  let offset = 0;
  const walk = (v: NestedArray, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number')
        throw new ShapeError(`tensor: ragged nested array at ${path || 'top'}: expected a number`);
      out[offset++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new ShapeError(
        `tensor: ragged nested array at ${path || 'top'}: expected ${shape[dim]} entries along axis ${dim}`,
      );
    }
    for (let i = 0; i < v.length; i++) walk(v[i], dim + 1, `${path}[${i}]`);
  };
  walk(values, 0, '');
}

/**
 * A tensor from a number, nested arrays or a typed array (with `shape`). dtype defaults to float64,
 * or to the typed array's own type.
 */
export function tensor(
  values: NestedArray | TypedArray | readonly number[],
  options: CreateOptions & { shape?: Shape } = {},
): Tensor {
  let data: TypedArray;
  let shape: readonly number[];
  if (values instanceof Float64Array || values instanceof Float32Array) {
    const dtype = options.dtype ?? (values instanceof Float32Array ? 'float32' : 'float64');
    data = allocate(dtype, values.length);
    data.set(values);
    shape = options.shape ?? [values.length];
  } else {
    const dtype = assertDType(options.dtype ?? 'float64', 'tensor');
    const nested = values as NestedArray;
    shape = inferShape(nested);
    data = allocate(dtype, sizeOf(shape));
    fillFlat(nested, shape, data);
    if (options.shape) {
      if (sizeOf(options.shape) !== data.length) {
        throw new ShapeError(`tensor: ${data.length} values do not fit shape ${formatShape(options.shape)}`);
      }
      shape = options.shape;
    }
  }
  return new Tensor(data, shape, options.requiresGrad ?? false);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: Shape, value: number, options: CreateOptions = {}): Tensor {
  assertValidShape(shape, 'full');
  const data = allocate(options.dtype ?? 'float64', sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape, options.requiresGrad ?? false);
}

/** A tensor of zeros. */
export function zeros(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 0, options);
}

/** A tensor of ones. */
export function ones(shape: Shape, options: CreateOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** Zeros with the shape and dtype of `t`. */
export function zerosLike(t: Tensor): Tensor {
  return zeros(t.shape, { dtype: t.dtype });
}

/** Ones with the shape and dtype of `t`. */
export function onesLike(t: Tensor): Tensor {
  return ones(t.shape, { dtype: t.dtype });
}

/** Values start, start+step, … below stop (like NumPy's arange). */
export function arange(start: number, stop?: number, step = 1, options: CreateOptions = {}): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new RangeError('arange: step must not be 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(options.dtype ?? 'float64', n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n], options.requiresGrad ?? false);
}

/** An n×m matrix with ones on the diagonal. */
export function eye(n: number, m: number = n, options: CreateOptions = {}): Tensor {
  const t = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}

export interface RandomOptions extends CreateOptions {
  seed?: Seed;
}

/** Standard normal draws from a seeded generator. */
export function randn(shape: Shape, options: RandomOptions = {}): Tensor {
  const t = zeros(shape, options);
  const gen = toGenerator(options.seed);
  for (let i = 0; i < t.size; i++) t.data[i] = gen.normal();
  return t;
}

/** Uniform draws on [low, high) from a seeded generator. */
export function rand(shape: Shape, options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const t = zeros(shape, options);
  const gen = toGenerator(options.seed);
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  for (let i = 0; i < t.size; i++) t.data[i] = gen.uniformRange(low, high);
  return t;
}

/** The values of several tensors concatenated into one Float64Array (e.g. θ from parameters). */
export function flattenValues(tensors: readonly Tensor[]): Float64Array {
  const out = new Float64Array(tensors.reduce((n, t) => n + t.size, 0));
  let at = 0;
  for (const t of tensors) {
    out.set(t.data, at);
    at += t.size;
  }
  return out;
}
