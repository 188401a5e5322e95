import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportModel, importModel } from '../../src/exchange/index.js';
import { loadTrainedModel, modelOutputs, runGradcheck, runTraining } from '../../src/pipeline/index.js';
import { Tensor } from '../../src/tensor/index.js';
import { maxScaledDifference, runOnnx, runTfjs } from './runtimes.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gradlab-import-'));

interface Expected {
  input: number[][];
  output: number[][];
}
const expectedOf = (file: string): Expected => JSON.parse(readFileSync(file, 'utf8'));

/** The imported network's raw output (the last activation applied), as a runtime would give it. */
function networkOutput(path: string, input: number[][]): Float64Array {
  const trained = loadTrainedModel(path);
  const x = new Tensor(Float64Array.from(input.flat()), [input.length, input[0].length]);
  const { values, width } = modelOutputs(trained, x);
  // A binary classifier's outputs are [1 − p, p]: the network's own output is p.
  if (trained.loss === 'binaryCrossEntropy')
    return Float64Array.from({ length: input.length }, (_, i) => values[i * width + 1]);
  return values;
}

/** A CSV of the fixture's rows, labelled with the model's own argmax (classifiers) or outputs (regression). */
function labelledCsv(name: string, expected: Expected, regression: boolean): string {
  const n = expected.input[0].length;
  const k = expected.output[0].length;
  const labels = regression ? (k > 1 ? Array.from({ length: k }, (_, i) => `label${i}`) : ['label']) : ['label'];
  const header = [...Array.from({ length: n }, (_, j) => `x${j}`), ...labels];
  const rows = expected.input.map((row, i) => {
    const out = expected.output[i];
    const label = regression ? out : k === 1 ? [out[0] > 0.5 ? 1 : 0] : [out.indexOf(Math.max(...out))];
    return [...row, ...label].join(',');
  });
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, `${[header.join(','), ...rows].join('\n')}\n`);
  return file;
}

const onnxCases = [
  { name: 'mlp_tanh_relu_softmax_f64', dtype: 'float64', tolerance: 1e-12, task: 'classification', regression: false },
  { name: 'mlp_relu_sigmoid_f32', dtype: 'float32', tolerance: 1e-6, task: 'classification', regression: false },
  { name: 'mlp_leakyrelu_linear_f32', dtype: 'float32', tolerance: 1e-6, task: 'regression', regression: true },
] as const;

describe.each(onnxCases)('import ONNX (PyTorch): $name', ({ name, dtype, tolerance, task, regression }) => {
  const source = join(fixtures, 'onnx', `${name}.onnx`);
  const expected = expectedOf(join(fixtures, 'onnx', `${name}.json`));
  const out = join(dir, `${name}.json`);

  it(`imports as a ${dtype} ${task} model whose outputs agree with PyTorch's and onnxruntime's`, async () => {
    const { trained } = importModel(source, { out });
    expect(trained.model.dtype).toBe(dtype);
    expect(trained.task).toBe(task);
    const ours = networkOutput(out, expected.input);
    expect(maxScaledDifference(ours, expected.output.flat())).toBeLessThan(tolerance);
    const runtime = await runOnnx(source, expected.input, dtype);
    expect(maxScaledDifference(ours, runtime.values)).toBeLessThan(tolerance);
  });

  it('the imported model passes the gradient check in float64', () => {
    const report = runGradcheck({ model: out, data: labelledCsv(name, expected, regression), batchSize: 6 });
    expect(report.verdict, JSON.stringify(report.parameters).slice(0, 400)).toBe('pass');
  });
});

const tfjsCases = [
  { name: 'dense_relu_softmax', layers: ['dense', 'dropout', 'dense'] },
  { name: 'dense_tanh_activation_sigmoid', layers: ['dense', 'activation', 'dense'] },
] as const;

describe.each(tfjsCases)('import TF.js (tfjs-layers 4.22.0): $name', ({ name, layers }) => {
  const folder = join(fixtures, 'tfjs', name);
  const expected = expectedOf(join(folder, 'expected.json'));
  const out = join(dir, `${name}.json`);

  it("imports with its Dropout / Activation layer and agrees with TF.js's outputs", async () => {
    const { trained } = importModel(folder, { out });
    expect(trained.model.layerConfigs().map((c) => c.type)).toEqual(layers);
    const ours = networkOutput(out, expected.input);
    expect(maxScaledDifference(ours, expected.output.flat())).toBeLessThan(1e-6);
    const runtime = await runTfjs(folder, expected.input);
    expect(maxScaledDifference(ours, runtime.values)).toBeLessThan(1e-6);
  });

  it('reads the same model from its model.json path', () => {
    const { trained } = importModel(join(folder, 'model.json'));
    expect(trained.model.inputSize).toBe(expected.input[0].length);
  });

  it('the imported model passes the gradient check in float64', () => {
    const report = runGradcheck({
      model: out,
      data: labelledCsv(name, expected, false),
      batchSize: 6,
      dropout: 'frozen',
    });
    expect(report.verdict).toBe('pass');
  });
});

describe('export then import: the round trip keeps predictions and class names', () => {
  it.each(['onnx', 'tfjs'] as const)('%s', (format) => {
    const { trained } = runTraining({ data: 'wine', layers: [6], epochs: 2, quiet: true, progress: false });
    const path = join(dir, format === 'onnx' ? 'wine.onnx' : 'wine_tfjs');
    exportModel(trained, { format, out: path });
    const back = importModel(path).trained;
    expect(back.classes).toEqual(trained.classes);
    expect(back.scaler).toBeNull();
    const raw = new Tensor(
      Float64Array.from([13.2, 1.78, 2.14, 11.2, 100, 2.65, 2.76, 0.26, 1.28, 4.38, 1.05, 3.4, 1050]),
      [1, 13],
    );
    const tolerance = format === 'onnx' ? 1e-12 : 1e-5;
    expect(maxScaledDifference(modelOutputs(back, raw).values, modelOutputs(trained, raw).values)).toBeLessThan(
      tolerance,
    );
  });
});
