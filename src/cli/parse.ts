import { InvalidArgumentError } from 'commander';
import { repeatedName } from '../data/columns.js';

/**
 * Parsers for commander options, the only ones every command uses: each refuses bad input with a
 * message naming the value and what was expected. Numbers are decimal only (`0x10`, `0b1`, `Infinity`,
 * an empty string or `1_000` are refused; JavaScript's Number() would read the first two as 16 and 1,
 * and the empty string as 0); an exponent is fine (`1e-3`, `5e7`).
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function decimal(value: string, expected: string): number {
  const v = DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(v)) throw new InvalidArgumentError(`expected ${expected}, got '${value}'`);
  return v;
}

/** Any finite decimal number. */
export function number(value: string): number {
  return decimal(value, 'a decimal number');
}

/** A number > 0 (learning rates, steps of a difference). */
export function positive(value: string): number {
  const v = decimal(value, 'a number > 0');
  if (!(v > 0)) throw new InvalidArgumentError(`expected a number > 0, got '${value}'`);
  return v;
}

/** A number ≥ 0 (penalties such as L2's λ). */
export function nonNegative(value: string): number {
  const v = decimal(value, 'a number ≥ 0');
  if (!(v >= 0)) throw new InvalidArgumentError(`expected a number ≥ 0, got '${value}'`);
  return v;
}

/** A fraction in [0, 1): a validation share or a dropout rate (1 would leave nothing). */
export function fraction(value: string): number {
  const v = decimal(value, 'a fraction in [0, 1)');
  if (!(v >= 0 && v < 1)) throw new InvalidArgumentError(`expected a fraction in [0, 1), got '${value}'`);
  return v;
}

/** An integer (exactly representable: |n| ≤ 2^53 − 1), e.g. a seed. */
export function integer(value: string): number {
  const v = decimal(value, 'an integer');
  if (!Number.isSafeInteger(v)) throw new InvalidArgumentError(`expected an integer, got '${value}'`);
  return v;
}

export function positiveInt(value: string): number {
  const v = decimal(value, 'a positive integer');
  if (!Number.isSafeInteger(v) || v <= 0) throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return v;
}

/** A positive integer, or the word auto (thread counts). */
export function positiveIntOrAuto(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const v = decimal(value, 'a positive integer or auto');
  if (!Number.isSafeInteger(v) || v <= 0)
    throw new InvalidArgumentError(`expected a positive integer or auto, got '${value}'`);
  return v;
}

/** 0, 1, 2, … (counts that may be zero, such as training steps before a check). */
export function nonNegativeInt(value: string): number {
  const v = decimal(value, 'an integer ≥ 0');
  if (!Number.isSafeInteger(v) || v < 0) throw new InvalidArgumentError(`expected an integer ≥ 0, got '${value}'`);
  return v;
}

/** A TCP port, 0 (any free port) to 65535. */
export function port(value: string): number {
  const v = decimal(value, 'a port 0–65535');
  if (!Number.isInteger(v) || v < 0 || v > 65535)
    throw new InvalidArgumentError(`expected a port 0–65535, got '${value}'`);
  return v;
}

/** Comma-separated positive integers; an empty item (`10,,5`, `10,`) is refused, not skipped. */
export function intList(value: string): number[] {
  const items = value.split(',');
  const list = items.map((s) => (DECIMAL.test(s.trim()) ? Number(s) : Number.NaN));
  if (list.some((v) => !Number.isSafeInteger(v) || v <= 0))
    throw new InvalidArgumentError(`expected comma-separated positive integers, got '${value}'`);
  return list;
}

/**
 * Comma-separated names (columns, initializers). An empty item (`a,,b`, `a,`) is refused, not skipped, and so
 * is a name given twice: `--features a,a` would feed the network one column as two inputs.
 */
export function stringList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((name) => name === ''))
    throw new InvalidArgumentError(`expected comma-separated names without empty items, got '${value}'`);
  const twice = repeatedName(names);
  if (twice !== undefined) throw new InvalidArgumentError(`'${twice}' is named twice in '${value}'`);
  return names;
}

export function choice<T extends string>(options: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!(options as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${options.join(', ')}, got '${value}'`);
    return value as T;
  };
}
