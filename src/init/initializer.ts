import { ArgumentError } from '../errors.js';
import { toGenerator, type Generator, type Seed } from '../random/index.js';
import { Tensor, allocate, sizeOf, type DType } from '../tensor/index.js';

export type InitConfig = Record<string, number | string | boolean>;

/** How an initializer is written in a model file or on the command line: a name and its config. */
export interface InitializerSpec {
  name: string;
  config?: InitConfig;
}

export interface SampleOptions {
  seed?: Seed;
  dtype?: DType;
}

/** A seeded weight initializer, serializable by name and config. */
export interface Initializer {
  readonly name: string;
  readonly config: Readonly<InitConfig>;
  /** The formula in words, e.g. "normal(0, √(2/fan_in))". */
  describe(): string;
  /** The standard deviation this scheme promises for `shape` (null where it is not defined). */
  expectedStd(shape: readonly number[]): number | null;
  /** Draws a tensor of `shape` (seeded). */
  sample(shape: readonly number[], options?: SampleOptions): Tensor;
  /** The `{name, config}` that `getInitializer` turns back into this initializer (saved in model files). */
  toJSON(): InitializerSpec;
}

/** Builds an Initializer from a name, a config and a per-element draw. */
export function makeInitializer(
  name: string,
  config: InitConfig,
  parts: {
    describe: () => string;
    expectedStd: (shape: readonly number[]) => number | null;
    fill: (out: Float64Array | Float32Array, shape: readonly number[], gen: Generator) => void;
  },
): Initializer {
  return {
    name,
    config: Object.freeze({ ...config }),
    describe: parts.describe,
    expectedStd: parts.expectedStd,
    sample(shape, options = {}) {
      const out = allocate(options.dtype ?? 'float64', sizeOf(shape));
      parts.fill(out, shape, toGenerator(options.seed));
      return new Tensor(out, shape);
    },
    toJSON: () => ({ name, config: { ...config } }),
  };
}

export function requireNumber(where: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ArgumentError(`${where}: expected a finite number, got ${String(value)}`);
  return v;
}
