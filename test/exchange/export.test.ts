import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportModel } from '../../src/exchange/index.js';
import { Activation, Dense, Dropout, Sequential } from '../../src/nn/index.js';
import {
  inputsFromTable,
  loadTable,
  predictTable,
  runTraining,
  type TrainRunOptions,
} from '../../src/pipeline/index.js';
import type { TrainedModel } from '../../src/pipeline/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { maxScaledDifference, runOnnx, runTfjs } from './runtimes.js';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-export-'));

interface Case {
  name: string;
  options: TrainRunOptions;
}

/** What `gradlab predict` prints for every row (its numeric columns), and the raw features it read. */
function reference(trained: TrainedModel, data: string): { expected: number[]; raw: Tensor; width: number } {
  const { table } = loadTable(data, { seed: 1 });
  const predictions = predictTable(trained, table);
  const numeric = predictions.header.flatMap((h, j) => (h.startsWith('prob_') || h.startsWith('pred_') ? [j] : []));
  return {
    expected: predictions.rows.flatMap((row) => numeric.map((j) => row[j] as number)),
    raw: inputsFromTable(trained, table).x,
    width: numeric.length,
  };
}

// Small trainings (a few epochs): the check is that the exported graph computes what predict computes.
const cases: Case[] = [
  {
    name: 'breast_cancer (raw features 0.001 … 4,000), standard scaler, binary, dropout, float64',
    options: { data: 'breast_cancer', layers: [8, 4], epochs: 3, dropout: 0.1, normalize: 'standard' },
  },
  {
    name: 'breast_cancer, standard scaler, binary, float32',
    options: { data: 'breast_cancer', layers: [8], epochs: 3, dtype: 'float32' },
  },
  {
    name: 'wine (3 classes), min-max scaler, leakyRelu, float64',
    options: { data: 'wine', layers: [6], epochs: 3, activation: 'leakyRelu', normalize: 'minmax' },
  },
  {
    name: 'scaledRegression (features 1e-3 … 1e3), standard scaler and target scaler, tanh, float64',
    options: { data: 'scaledRegression', layers: [6], epochs: 3, activation: 'tanh', patience: 0 },
  },
];

describe.each(cases)('export: $name', ({ name, options }) => {
  let trained: TrainedModel;
  let ref: ReturnType<typeof reference>;
  const base = join(dir, name.replace(/\W+/g, '_').slice(0, 40));

  beforeAll(() => {
    trained = runTraining({ ...options, quiet: true, progress: false, seed: 3 }).trained;
    ref = reference(trained, options.data);
  });

  it('the model really scales its inputs (the runtimes get raw features)', () => {
    expect(trained.scaler).not.toBeNull();
    const spread = Array.from(ref.raw.data).map(Math.abs);
    expect(Math.max(...spread)).toBeGreaterThan(50);
  });

  it('ONNX float32 in onnxruntime-node agrees with gradlab predict to 1e-5', async () => {
    const out = `${base}_f32.onnx`;
    expect(exportModel(trained, { format: 'onnx', out, dtype: 'float32' }).dtype).toBe('float32');
    const { values, dims } = await runOnnx(out, ref.raw, 'float32');
    expect(dims).toEqual([ref.raw.shape[0], ref.width]);
    expect(maxScaledDifference(values, ref.expected)).toBeLessThan(1e-5);
  });

  it.runIf(options.dtype !== 'float32')(
    'ONNX float64 in onnxruntime-node agrees with gradlab predict to 1e-9',
    async () => {
      const out = `${base}_f64.onnx`;
      exportModel(trained, { format: 'onnx', out, dtype: 'float64' });
      const { values } = await runOnnx(out, ref.raw, 'float64');
      expect(maxScaledDifference(values, ref.expected)).toBeLessThan(1e-9);
    },
  );

  it('TF.js Layers in tfjs-layers agrees with gradlab predict to 1e-5, class names in userDefinedMetadata', async () => {
    const folder = `${base}_tfjs`;
    exportModel(trained, { format: 'tfjs', out: folder });
    const { values, metadata } = await runTfjs(folder, ref.raw);
    expect(maxScaledDifference(values, ref.expected)).toBeLessThan(1e-5);
    const meta = metadata as Record<string, string>;
    if (trained.classes) expect(JSON.parse(meta['gradlab.classes'])).toEqual(trained.classes);
    else expect(JSON.parse(meta['gradlab.labels'])).toEqual(trained.labels);
  });
});

describe('export: metadata and layout', () => {
  it('ONNX metadata_props carry the class names; the graph holds Gemm + activations, no Dropout', () => {
    const { trained } = runTraining({
      data: 'iris',
      layers: [5],
      epochs: 1,
      dropout: 0.2,
      quiet: true,
      progress: false,
    });
    const out = join(dir, 'iris.onnx');
    exportModel(trained, { format: 'onnx', out });
    const model = onnxProto.onnx.ModelProto.decode(readFileSync(out));
    const props = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(props['gradlab.classes'])).toEqual(trained.classes);
    expect(props['gradlab.task']).toBe('classification');
    expect(model.graph?.node?.map((n) => n.opType)).toEqual(['Gemm', 'Relu', 'Gemm', 'Softmax']);
    expect(model.graph?.input?.[0].type?.tensorType?.elemType).toBe(11);
  });
});

describe('export: a network whose head is a separate Activation layer, then Dropout', () => {
  it('binary head from the logits (not the sigmoid output) and Dropout dropped: both runtimes agree with predict', async () => {
    const { trained: base } = runTraining({
      data: 'breast_cancer',
      layers: [4],
      epochs: 1,
      quiet: true,
      progress: false,
    });
    // predict reads the logits before the final Activation; the trailing Dropout is the identity.
    const model = new Sequential(
      [new Dense(5, { activation: 'tanh' }), new Dense(1), new Activation('sigmoid'), new Dropout(0.3)],
      {
        inputSize: base.model.inputSize,
        seed: 11,
      },
    );
    const trained: TrainedModel = { ...base, model };
    const ref = reference(trained, 'breast_cancer');
    const onnx = join(dir, 'activation_head.onnx');
    exportModel(trained, { format: 'onnx', out: onnx });
    expect(maxScaledDifference((await runOnnx(onnx, ref.raw, 'float64')).values, ref.expected)).toBeLessThan(1e-9);
    const folder = join(dir, 'activation_head_tfjs');
    exportModel(trained, { format: 'tfjs', out: folder });
    expect(maxScaledDifference((await runTfjs(folder, ref.raw)).values, ref.expected)).toBeLessThan(1e-5);
  });
});
