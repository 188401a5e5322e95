import { InvalidArgumentError } from 'commander';

/** Parsers for commander options: each rejects bad input with a message naming the value. */
export function intList(value: string): number[] {
  const list = value
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((s) => Number(s));
  if (list.some((v) => !Number.isInteger(v) || v <= 0))
    throw new InvalidArgumentError(`expected comma-separated positive integers, got '${value}'`);
  return list;
}

export function stringList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function number(value: string): number {
  const v = Number(value);
  if (!Number.isFinite(v)) throw new InvalidArgumentError(`expected a number, got '${value}'`);
  return v;
}

export function positiveInt(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v <= 0) throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return v;
}

export function choice<T extends string>(options: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!(options as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${options.join(', ')}, got '${value}'`);
    return value as T;
  };
}
