import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  fraction,
  integer,
  intList,
  nonNegative,
  nonNegativeInt,
  number,
  port,
  positive,
  positiveInt,
} from '../../src/cli/parse.js';
import { cli, errorLines } from './hardeningRun.js';
import { buildProgram } from '../../src/cli/program.js';

const refuses = (parse: (v: string) => unknown, values: string[]) => {
  for (const v of values) expect(() => parse(v), `'${v}'`).toThrow(InvalidArgumentError);
};

describe('flag parsers: decimal only, integers where integers are meant, ranges', () => {
  it('numbers are decimal: 0x10, 0b1, 0o7, Infinity, empty, 1_000 and 1e999 are refused', () => {
    refuses(number, [
      '0x10',
      '0b1',
      '0o7',
      'Infinity',
      '-Infinity',
      'NaN',
      '',
      ' ',
      '1_000',
      '1e999',
      '1,5',
      '1.2.3',
      '--3',
    ]);
    expect([number('1e-3'), number('-2.5'), number('.5'), number('3.'), number('+4')]).toEqual([1e-3, -2.5, 0.5, 3, 4]);
  });

  it('integers: --seed 1.5 and 0x10 refused; 1e3 is an integer', () => {
    refuses(integer, ['1.5', '0x10', '9007199254740993', '']);
    expect([integer('-3'), integer('1e3'), integer('0')]).toEqual([-3, 1000, 0]);
    refuses(positiveInt, ['0', '-1', '2.5', '0x10', '1e400']);
    refuses(nonNegativeInt, ['-1', '0.5', '-0.5']);
    expect(nonNegativeInt('0')).toBe(0);
  });

  it('ranges: --validation 1, 1.5 and -0.2 refused, 0 and 0.999 accepted; rates > 0, penalties ≥ 0', () => {
    refuses(fraction, ['1', '1.5', '-0.2', '0x0']);
    expect([fraction('0'), fraction('0.999')]).toEqual([0, 0.999]);
    refuses(positive, ['0', '-1e-9']);
    refuses(nonNegative, ['-0.1']);
    refuses(port, ['65536', '-1', '80.5', '0x50']);
    expect(port('0')).toBe(0);
  });

  it('lists: --layers 10,,5, a trailing comma, an empty list, a zero or a fraction are refused', () => {
    refuses(intList, ['10,,5', '10,', ',10', '', '10,0', '10,2.5', '10,0x10', '10,-5']);
    expect(intList('10, 5')).toEqual([10, 5]);
  });
});

/** The CLI's answer to a bad flag: exit 1, one line, naming the flag and the value. */
function expectFlagRefused(args: string[], flag: string, value: string): void {
  const r = cli(args);
  expect(r.status, r.stderr).toBe(1);
  const lines = errorLines(r);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^gradlab: ArgumentError: /);
  expect(lines[0]).toContain(flag);
  expect(lines[0]).toContain(`'${value}'`);
}

describe('nonsense flags are refused by every command (the issue: accepted silently)', () => {
  it('the failing inputs of the issue', () => {
    for (const v of ['1', '1.5', '-0.2'])
      expectFlagRefused(['train', '--data', 'xor', '--validation', v], '--validation', v);
    expectFlagRefused(['train', '--data', 'xor', '--seed', '1.5'], '--seed', '1.5');
    expectFlagRefused(['train', '--data', 'xor', '--layers', '10,,5'], '--layers', '10,,5');
    expectFlagRefused(['gradcheck', '--data', 'xor', '--train-steps', '-1'], '--train-steps', '-1');
    expectFlagRefused(['train', '--data', 'xor', '--epochs', '0x10'], '--epochs', '0x10');
  });

  it('adversarial: --seed 0x10, --dropout 1, --lr 0, --port 70000, init --shape 3,,4, depth --momentum 1', async () => {
    // The wiring, without a process each: the option's own parser, as commander calls it.
    const program = await buildProgram();
    for (const [command, flag, value] of [
      ['train', '--seed', '0x10'],
      ['train', '--dropout', '1'],
      ['train', '--lr', '0'],
      ['playground', '--port', '70000'],
      ['init', '--shape', '3,,4'],
      ['depth', '--momentum', '1'],
      ['gradcheck', '--seed', '2.5'],
      ['compare-init', '--steps', '1e400'],
    ] as const) {
      const option = program.commands.find((c) => c.name() === command)?.options.find((o) => o.long === flag);
      expect(option?.parseArg, `${command} ${flag}`).toBeTypeOf('function');
      expect(() => option?.parseArg?.(value, undefined), `${command} ${flag} ${value}`).toThrow(InvalidArgumentError);
    }
  });
});
