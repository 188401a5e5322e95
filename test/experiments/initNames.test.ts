import { describe, expect, it } from 'vitest';
import { runCompareInit } from '../../src/experiments/compareInit.js';
import { runDepthExperiment } from '../../src/experiments/depth.js';
import { ArgumentError } from '../../src/errors.js';
import { cli } from '../cli/hardeningRun.js';

describe('initializer lists are checked whole before any training', () => {
  it('depth --inits heNormal,bogus (the reported input): refused before heNormal trains, naming bogus and the known names', () => {
    const r = cli(['depth', '--inits', 'heNormal,bogus', '--layers', '3', '--epochs', '1']);
    expect(r.status).toBe(1);
    // Before the fix stderr held heNormal's epoch progress ahead of the error.
    expect(r.stderr).not.toMatch(/epoch/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown initializer 'bogus' \(known: .*heNormal.*, lsuv\)/);
  });

  it('compare-init --inits heNormal,bogus: refused at once, listing the course names and the initializers', () => {
    const r = cli(['compare-init', '--inits', 'heNormal,bogus', '--steps', '10']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /unknown initialization 'bogus' \(known: zeros, large, he, xavier, lecun, or an initializer: /,
    );
  });

  it('depth: the bad name may be anywhere; nothing trains and no data is read', () => {
    for (const inits of [['bogus'], ['heNormal', 'lsuv', 'bogus'], ['heNormal', 'toString'], ['__proto__']]) {
      const epochs: string[] = [];
      expect(() =>
        runDepthExperiment({
          inits,
          data: '/no/such/file.csv',
          layers: 3,
          epochs: 1,
          onEpoch: (init) => epochs.push(init),
        }),
      ).toThrow(ArgumentError);
      expect(epochs).toEqual([]);
    }
    // A bad activation, too, is named before the data is read.
    expect(() => runDepthExperiment({ activation: 'bogus', data: '/no/such/file.csv' })).toThrow(/unknown activation/);
  });

  it("compare-init: Object's own members are not initializations; valid names of both kinds run", () => {
    for (const inits of [['he', 'bogus'], ['toString'], ['constructor'], ['__proto__'], ['hasOwnProperty']]) {
      const steps: string[] = [];
      expect(() => runCompareInit({ inits, steps: 10, onStep: (init) => steps.push(init) })).toThrow(
        /unknown initialization/,
      );
      expect(steps).toEqual([]);
    }
    const r = runCompareInit({ inits: ['xavier', 'heUniform'], steps: 10, trainSize: 20, testSize: 10, grid: 3 });
    expect(r.schemes.map((s) => [s.key, s.label])).toEqual([
      ['xavier', 'Xavier/Glorot'],
      ['heUniform', 'heUniform'],
    ]);
  });
});
