import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../src/errors.js';
import { exportModel, fromOnnx, fromTfjs, importModel } from '../../src/exchange/index.js';
import { Dense, DEFAULT_MAX_PARAMETERS, Sequential, setParameterBudget } from '../../src/nn/index.js';
import { runTraining } from '../../src/pipeline/index.js';
// @ts-expect-error: a plain JavaScript fixture, written as a user would write their own layer file
import { FeatureScale } from '../fixtures/layers/featureScale.mjs';

const { onnx } = onnxProto;
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gradlab-refusals-'));
const oneLine = (error: unknown) => {
  expect(error).toBeInstanceOf(ModelFormatError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
};
const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

afterEach(() => setParameterBudget(DEFAULT_MAX_PARAMETERS));

describe('export refuses what ONNX / TF.js cannot express, in one line', () => {
  it('a user-written layer, named with its index and type', () => {
    const { trained } = runTraining({ data: 'iris', layers: [4], epochs: 1, quiet: true, progress: false });
    const model = new Sequential([new FeatureScale(2), new Dense(3, { activation: 'softmax' })], {
      inputSize: 4,
      seed: 1,
    });
    for (const format of ['onnx', 'tfjs'] as const) {
      const message = oneLine(
        caught(() => exportModel({ ...trained, model }, { format, out: join(dir, `u.${format}`) })),
      );
      expect(message).toMatch(/layer 0 \(type 'featureScale'\) is user-written/);
    }
  });

  it('a categorical column (the graph takes numbers) and mean imputation of empty cells', () => {
    const csv = join(dir, 'mixed.csv');
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${i % 7},${i % 5 === 0 ? '' : i / 3},${['a', 'b', 'c'][i % 3]},${i % 2}`,
    );
    writeFileSync(csv, `x,y,colour,label\n${rows.join('\n')}\n`);
    const categorical = runTraining({
      data: csv,
      categorical: ['colour'],
      missing: 'drop',
      layers: [3],
      epochs: 1,
      quiet: true,
      progress: false,
    }).trained;
    expect(oneLine(caught(() => exportModel(categorical, { format: 'onnx', out: join(dir, 'c.onnx') })))).toMatch(
      /input column 'colour' is categorical/,
    );
    const imputing = runTraining({
      data: csv,
      features: ['x', 'y'],
      missing: 'mean',
      layers: [3],
      epochs: 1,
      quiet: true,
      progress: false,
    }).trained;
    expect(oneLine(caught(() => exportModel(imputing, { format: 'tfjs', out: join(dir, 'm_tfjs') })))).toMatch(
      /--missing mean/,
    );
  });
});

/** An ONNX MLP fixture with one node's operator replaced. */
function onnxWith(opType: string): Uint8Array {
  const model = onnx.ModelProto.decode(readFileSync(join(fixtures, 'onnx', 'mlp_relu_sigmoid_f32.onnx')));
  model.graph!.node![1].opType = opType;
  return onnx.ModelProto.encode(model).finish();
}

/** The tfjs fixture's model.json with its layers edited. */
function tfjsWith(edit: (layers: Array<{ class_name: string; config: Record<string, unknown> }>) => void): unknown {
  const json = JSON.parse(readFileSync(join(fixtures, 'tfjs', 'dense_relu_softmax', 'model.json'), 'utf8'));
  edit(json.modelTopology.config.layers);
  return json;
}
const shard = (name: string) => readFileSync(join(fixtures, 'tfjs', 'dense_relu_softmax', name));

describe('import refuses what it cannot read, naming the layer or operator', () => {
  it('an ONNX operator outside the MLP set', () => {
    const message = oneLine(caught(() => fromOnnx(onnxWith('Elu'), 'elu.onnx')));
    expect(message).toMatch(/ONNX operator 'Elu' .* is not supported \(supported: Gemm, MatMul \+ Add/);
  });

  it('a TF.js layer type and a TF.js activation outside the set', () => {
    const conv = tfjsWith((layers) => (layers[1] = { class_name: 'Conv2D', config: { name: 'conv' } }));
    expect(oneLine(caught(() => fromTfjs(conv, shard)))).toMatch(
      /layer 1 \(Conv2D 'conv'\): layer type 'Conv2D' is not supported/,
    );
    const elu = tfjsWith((layers) => (layers[0].config.activation = 'elu'));
    expect(oneLine(caught(() => fromTfjs(elu, shard)))).toMatch(/activation 'elu' is not supported/);
  });

  it('importModel names the operator and writes nothing', () => {
    const file = join(dir, 'elu.onnx');
    writeFileSync(file, onnxWith('Elu'));
    expect(() => importModel(file, { out: join(dir, 'never.json') })).toThrow(/ONNX operator 'Elu'/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('a TF.js model over the parameter budget before any shard is read', () => {
    const huge = tfjsWith((layers) => (layers[0].config.units = 1_000_000_000));
    let reads = 0;
    const message = oneLine(
      caught(() =>
        fromTfjs(huge, () => {
          reads++;
          return new Uint8Array(0);
        }),
      ),
    );
    expect(message).toMatch(/above the budget of 50,000,000/);
    expect(reads).toBe(0);
  });

  it('an ONNX model over a lowered budget (the shapes it declares decide)', () => {
    setParameterBudget(40); // the fixture has 5·7 + 7 + 7 + 1 = 50 parameters
    const bytes = readFileSync(join(fixtures, 'onnx', 'mlp_relu_sigmoid_f32.onnx'));
    expect(oneLine(caught(() => fromOnnx(bytes, 'small.onnx')))).toMatch(
      /5 → 7 → 1 needs 50 parameters, above the budget of 40/,
    );
    setParameterBudget(50);
    expect(fromOnnx(bytes).inputSize).toBe(5);
  });

  it('truncated weights, not a protobuf, a shard outside the folder', () => {
    const model = onnx.ModelProto.decode(readFileSync(join(fixtures, 'onnx', 'mlp_relu_sigmoid_f32.onnx')));
    const w = model.graph!.initializer![0];
    w.rawData = w.rawData?.subarray(0, 12);
    expect(oneLine(caught(() => fromOnnx(onnx.ModelProto.encode(model).finish())))).toMatch(
      /has 12 bytes, its shape needs 140/,
    );
    expect(oneLine(caught(() => fromOnnx(new Uint8Array([0xff, 0xff, 0xff]))))).toMatch(/not an ONNX model/);
    const folder = join(dir, 'escape');
    mkdirSync(folder);
    const json = tfjsWith(() => {}) as { weightsManifest: Array<{ paths: string[] }> };
    json.weightsManifest[0].paths = ['../../etc/passwd'];
    writeFileSync(join(folder, 'model.json'), JSON.stringify(json));
    expect(oneLine(caught(() => importModel(folder)))).toMatch(/outside the model's folder/);
  });
});
