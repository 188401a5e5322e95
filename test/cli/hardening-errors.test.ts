import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, formatError } from '../../src/cli/print.js';
import { ArgumentError, DivergenceError } from '../../src/errors.js';
import { getInitializer } from '../../src/index.js';
import { bin } from './run.js';
import { cli, errorLines, scratch } from './hardeningRun.js';

const path = scratch('errors');

describe('unknown initializer names are a clear error, not an internal one (the issue: "factory is not a function")', () => {
  it('--init __proto__ and --init toString', () => {
    for (const name of ['__proto__', 'toString']) {
      const r = cli(['train', '--data', 'xor', '--init', name, '--epochs', '1', '--quiet']);
      expect(r.status).toBe(1);
      expect(errorLines(r)).toHaveLength(1);
      expect(errorLines(r)[0]).toMatch(
        new RegExp(`^gradlab: ArgumentError: unknown initializer '${name}' \\(known: zeros`),
      );
    }
  });

  it('adversarial: constructor, hasOwnProperty, valueOf through the library and init --scheme', () => {
    for (const name of ['constructor', 'hasOwnProperty', 'valueOf', '__defineGetter__'])
      expect(() => getInitializer(name), name).toThrow(ArgumentError);
    const r = cli(['init', '--scheme', 'constructor']);
    expect(errorLines(r)).toEqual([
      expect.stringMatching(/^gradlab: ArgumentError: unknown initializer 'constructor'/),
    ]);
  });
});

describe('every error is one typed line and exit 1; GRADLAB_DEBUG=1 shows the stack', () => {
  it('a typed error: one line without a stack; with GRADLAB_DEBUG=1, the stack follows', () => {
    const args = ['train', '--data', path('missing.csv')];
    const plain = cli(args);
    expect(plain.status).toBe(1);
    expect(errorLines(plain)).toEqual([`gradlab: FileError: --data ${path('missing.csv')}: no such file`]);
    const debug = cli(args, { env: { GRADLAB_DEBUG: '1' } });
    expect(debug.status).toBe(1);
    expect(errorLines(debug)[0]).toBe(errorLines(plain)[0]);
    expect(debug.stderr).toMatch(/\n\s+at .*guards/);
  });

  it('commander errors (unknown option, unknown command, missing value) are one line too', () => {
    for (const args of [['train', '--data', 'xor', '--bogus'], ['nonsense'], ['train', '--data']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(errorLines(r), args.join(' ')).toHaveLength(1);
      expect(errorLines(r)[0]).toMatch(/^gradlab: ArgumentError: /);
    }
  });

  it('formats what is not ours: system errors by code, out-of-memory, internal bugs (asking for a report)', () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: 'ENOENT' });
    expect(formatError(enoent)).toBe('gradlab: SystemError: no such file or folder (ENOENT)');
    expect(formatError(new RangeError('Array buffer allocation failed'))).toMatch(/^gradlab: OutOfMemory: /);
    expect(formatError(new TypeError('x is not a function\n  more'))).toMatch(
      /^gradlab: internal error \(TypeError: x is not a function; more\); please report it/,
    );
    expect(formatError(new ArgumentError('bad\nvalue'))).toBe('gradlab: ArgumentError: bad; value');
    expect([exitCodeOf(new ArgumentError('x')), exitCodeOf(new DivergenceError('x'))]).toEqual([1, 2]);
  });
});

describe('output piped into a reader that leaves (head) ends quietly (the issue: EPIPE stack trace)', () => {
  it('exit 0 and nothing on stderr when the pipe closes early', async () => {
    // predict --json over the 1,797 digits rows prints ~200 KB: more than a pipe holds, so writes
    // continue after the reader has gone.
    const model = path('digits.json');
    expect(
      cli(['train', '--data', 'digits', '--layers', '4', '--epochs', '1', '--quiet', '--save', model]).status,
    ).toBe(0);
    const child = spawn(process.execPath, [bin, 'predict', '--model', model, '--data', 'digits', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((ok) => child.on('close', (c) => ok(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
