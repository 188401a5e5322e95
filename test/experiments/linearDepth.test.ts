import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { runLinearDepth } from '../../src/experiments/depth.js';
import { cli } from '../cli/hardeningRun.js';

describe('depth --linear: meaningless scales are refused, float64 overflow and underflow are said', () => {
  it('scale 0 and negative scales (the reported inputs) are refused with the reason; so are subnormal ones', () => {
    expect(() => runLinearDepth({ scale: 0, layers: 4 })).toThrow(/scale of 0 makes every layer output 0/);
    expect(() => runLinearDepth({ scale: -2, layers: 4 })).toThrow(/only flips signs.*give 2/);
    expect(() => runLinearDepth({ scale: -0.5, layers: 4 })).toThrow(/give 0.5/);
    for (const scale of [Number.NaN, Number.POSITIVE_INFINITY, 5e-324, 1e-310])
      expect(() => runLinearDepth({ scale, layers: 4 }), String(scale)).toThrow(ArgumentError);
    const r = cliRun(['--scale=-2']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/ArgumentError: .*only flips signs/);
  });

  it('scale 1e200 (the reported input): layer 1 is measured exactly, layer 2 overflows and says so', () => {
    const r = runLinearDepth({ scale: 1e200, layers: 4 });
    // Before: the norm squared 1e200 and printed Infinity for a finite layer 1, and the error was NaN.
    expect(r.magnitude[0]).toBe(1e200);
    expect(r.overflowLayer).toBe(2);
    expect(r.underflowLayer).toBeNull();
    expect(r.magnitude[1]).toBe(Number.POSITIVE_INFINITY);
    expect(r.maxRelativeError).toBe(0);
    const out = cliRun(['--scale', '1e200']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/overflow float64 .* at layer 2/);
    expect(out.stdout).toMatch(/largest relative error 0\.0e\+0 \(layers 1–1/);
    expect(out.stdout).not.toMatch(/relative error NaN/);
  });

  it('a modest scale over many layers overflows where 1.5^l passes 1.8e308, not earlier', () => {
    // log(1.8e308)/log(1.5) ≈ 1750.4: layer 1750 is finite, 1751 is not (independent of the engine).
    const limit = Math.floor(Math.log(Number.MAX_VALUE) / Math.log(1.5)) + 1;
    const r = runLinearDepth({ scale: 1.5, layers: limit + 5 });
    expect(r.overflowLayer).toBe(limit);
    expect(Number.isFinite(r.magnitude[limit - 2])).toBe(true);
    // The norm of a finite vector near 1.8e308 would overflow if taken whole: it must not.
    expect(r.maxRelativeError).toBeLessThan(1e-12);
  });

  it('scales below 1 underflow: 1e-200 at layer 2, 0.5 at layer 1023 (2^-1023 is subnormal), said as such', () => {
    const tiny = runLinearDepth({ scale: 1e-200, layers: 3 });
    expect(tiny.underflowLayer).toBe(2);
    expect(tiny.overflowLayer).toBeNull();
    expect(tiny.maxRelativeError).toBeLessThan(1e-15);
    const half = runLinearDepth({ scale: 0.5, layers: 1100 });
    expect(half.underflowLayer).toBe(1023);
    expect(half.magnitude[1021]).toBe(2 ** -1022);
    expect(half.maxRelativeError).toBe(0);
    expect(cliRun(['--scale', '1e-200', '--layers', '3']).stdout).toMatch(/underflow float64 .* at layer 2/);
  });

  it('inside the range nothing is flagged and the error stays at rounding level', () => {
    for (const scale of [0.5, 0.9, 1, 1.5, 3]) {
      const r = runLinearDepth({ scale, layers: 30 });
      expect([r.overflowLayer, r.underflowLayer]).toEqual([null, null]);
      expect(r.maxRelativeError).toBeLessThan(1e-13);
    }
  });
});

function cliRun(extra: string[]) {
  return cli(['depth', '--linear', '--layers', '4', ...extra]);
}
