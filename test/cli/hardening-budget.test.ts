import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertParameterBudget,
  assertParameterCount,
  buildMlp,
  DEFAULT_MAX_PARAMETERS,
  denseParameterCount,
  modelFromJSON,
  parameterBudget,
  setParameterBudget,
} from '../../src/index.js';
import { ArgumentError, ModelFormatError } from '../../src/errors.js';
import { buildProgram } from '../../src/cli/program.js';
import { cli, errorLines, scratch } from './hardeningRun.js';
import { run } from './run.js';

const path = scratch('budget');

/**
 * A bomb refused before allocation: exit 1, one line naming the budget, and a child that never grew.
 * 300 MB: a node process running the CLI peaks near 100 MB here; the refused networks would need
 * 8 GB and more (1e9 float64 weights), so the margin is large in both directions.
 */
function expectRefusedBeforeAllocation(args: string[], pattern: RegExp, namesTheBudget = true): void {
  const r = cli(args);
  expect(r.status, r.stderr).toBe(1);
  const lines = errorLines(r);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  if (namesTheBudget) expect(lines[0]).toContain('50,000,000');
  expect(r.maxRssMb).toBeLessThan(300);
}

describe('the parameter budget (library)', () => {
  it('counts a dense chain with biases: Σ n[l−1]·n[l] + n[l]', () => {
    // 784·100 + 100 + 100·10 + 10, counted by hand
    expect(denseParameterCount([784, 100, 10])).toBe(79_510);
    expect(buildMlp({ inputSize: 784, hidden: [100], outputs: 10, loss: 'softmaxCrossEntropy' }).parameterCount()).toBe(
      79_510,
    );
  });

  it('refuses over the default of 50 million, and accepts exactly the limit', () => {
    expect(DEFAULT_MAX_PARAMETERS).toBe(50_000_000);
    expect(parameterBudget()).toBe(DEFAULT_MAX_PARAMETERS);
    expect(() => assertParameterBudget([784, 1e9])).toThrow(ArgumentError);
    expect(() => assertParameterBudget([784, 1e9])).toThrow(
      /785,000,000,000 parameters, above the budget of 50,000,000/,
    );
    expect(assertParameterBudget([1, 25_000_000], 50_000_000)).toBe(50_000_000);
    expect(() => assertParameterBudget([1, 25_000_000], 49_999_999)).toThrow(ArgumentError);
  });

  it('refuses sizes that are not positive safe integers (NaN, 1e300, 0, -5)', () => {
    for (const bad of [Number.NaN, 1e300, 0, -5, 2.5])
      expect(() => assertParameterBudget([4, bad])).toThrow(ArgumentError);
    expect(() => assertParameterCount(Number.NaN)).toThrow(ArgumentError);
  });

  it('setParameterBudget raises the limit for the whole process, and refuses nonsense', () => {
    try {
      setParameterBudget(1e12);
      expect(assertParameterBudget([784, 1e9])).toBe(785e9);
    } finally {
      setParameterBudget(DEFAULT_MAX_PARAMETERS);
    }
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => setParameterBudget(bad)).toThrow(ArgumentError);
  });

  it('buildMlp refuses before allocating (a 1e9-unit layer would need 8 GB)', () => {
    const rss = process.memoryUsage().rss;
    expect(() => buildMlp({ inputSize: 4, hidden: [1e9], outputs: 3, loss: 'softmaxCrossEntropy' })).toThrow(
      /buildMlp: 4 → 1000000000 → 3 needs/,
    );
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 2 ** 20);
    expect(() =>
      buildMlp({ inputSize: 4, hidden: [10], outputs: 3, loss: 'meanSquaredError', maxParameters: 10 }),
    ).toThrow(ArgumentError);
  });
});

describe('memory bombs are refused before allocation (the issue: 17–24 GB before anything was said)', () => {
  const model = path('model.json');
  beforeAll(() => {
    const r = cli(['train', '--data', 'iris', '--layers', '5', '--epochs', '1', '--quiet', '--save', model]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('--layers 1e9', () => {
    expectRefusedBeforeAllocation(
      ['train', '--data', 'xor', '--layers', '1e9', '--quiet'],
      /^gradlab: ArgumentError: buildMlp: 2 → 1000000000 → 1/,
    );
  });

  it('a model file with units: 1e9 (eval, predict and gradcheck all load it)', () => {
    const file = JSON.parse(readFileSync(model, 'utf8'));
    file.network.layers[0].units = 1e9;
    const bomb = path('bomb.json');
    writeFileSync(bomb, JSON.stringify(file));
    for (const command of [
      ['eval', '--model', bomb, '--data', 'iris'],
      ['predict', '--model', bomb, '--data', 'iris'],
      ['gradcheck', '--model', bomb, '--data', 'iris'],
    ])
      expectRefusedBeforeAllocation(command, /^gradlab: ModelFormatError: .*bomb\.json: model: 4 → 1000000000 → 3/);
  });

  it('adversarial: inputSize 1e9, many moderate layers, gradcheck --layers, init --shape, depth --width', () => {
    const file = JSON.parse(readFileSync(model, 'utf8'));
    const wide = path('wide-input.json');
    writeFileSync(wide, JSON.stringify({ ...file, network: { ...file.network, inputSize: 1e9 } }));
    // Refused before allocation either way: by the budget, or first by the file's own inputs (4 columns).
    expectRefusedBeforeAllocation(
      ['eval', '--model', wide, '--data', 'iris'],
      /ModelFormatError: .*(1000000000 → 5|the network reads 1000000000)/,
      false,
    );
    const deep = path('deep.json');
    const layers = Array.from({ length: 40 }, () => ({ type: 'dense', units: 2000, activation: 'relu' }));
    writeFileSync(
      deep,
      JSON.stringify({ ...file, network: { ...file.network, layers: [...layers, file.network.layers.at(-1)] } }),
    );
    expectRefusedBeforeAllocation(['eval', '--model', deep, '--data', 'iris'], /ModelFormatError: .*2000 → 2000/);
    expectRefusedBeforeAllocation(
      ['gradcheck', '--data', 'xor', '--layers', '100000,100000'],
      /ArgumentError: buildMlp/,
    );
    expectRefusedBeforeAllocation(
      ['init', '--scheme', 'heNormal', '--shape', '100000,100000'],
      /--shape 100000,100000/,
    );
    expectRefusedBeforeAllocation(['depth', '--width', '1000000', '--layers', '3'], /depth: 3 layers/);
  });

  it('--max-parameters sets the budget (here lowered, to keep the test small), before or after the command', async () => {
    const small = ['train', '--data', 'xor', '--layers', '20', '--epochs', '1', '--quiet'];
    // xor: 2·20 + 20 + 20·1 + 1 = 81 parameters. In this process: the flag goes through the same hook.
    await expect(run([...small, '--max-parameters', '80'])).rejects.toThrow(
      'needs 81 parameters, above the budget of 80',
    );
    await run(['--max-parameters', '81', ...small]);
    await expect(run(['eval', '--model', model, '--data', 'iris', '--max-parameters', '10'])).rejects.toThrow(
      /above the budget of 10 /,
    );
    // each command starts from the default again
    await run(['eval', '--model', model, '--data', 'iris']);
    expect(parameterBudget()).toBe(DEFAULT_MAX_PARAMETERS);
    const flag = (await buildProgram()).options.find((o) => o.long === '--max-parameters');
    for (const bad of ['1.5', '0', '0x10', '-5']) expect(() => flag?.parseArg?.(bad, undefined), bad).toThrow();
  });

  it('modelFromJSON takes a budget of its own (what an importer passes)', () => {
    // The network part of the saved (version 2) file, as a version 1 network file.
    const file = { format: 'gradlab.model', version: 1, ...JSON.parse(readFileSync(model, 'utf8')).network };
    expect(() => modelFromJSON(file, 'm', { maxParameters: 10 })).toThrow(ModelFormatError);
    expect(modelFromJSON(file, 'm').model.parameterCount()).toBe(denseParameterCount([4, 5, 3]));
  });
});
