import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-models-'));
const build = (dtype: g.DType) =>
  new g.Sequential(
    [
      new g.Dense(5, { activation: 'leakyRelu', slope: 0.2 }),
      new g.Dropout(0.1),
      new g.Dense(3, { init: 'orthogonal' }),
    ],
    { inputSize: 4, dtype, seed: 7 },
  );

describe('model files', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    it(`round-trips ${dtype} bit-exactly with its extras`, () => {
      const model = build(dtype);
      const path = join(dir, `m-${dtype}.json`);
      g.saveModel(path, model, { loss: 'softmaxCrossEntropy', l2: 0.5, labels: ['a', 'b', 'c'] });
      const loaded = g.loadModel(path);
      expect(loaded.model.dtype).toBe(dtype);
      expect(loaded.model.layerConfigs()).toEqual(model.layerConfigs());
      expect(Array.from(loaded.model.flatParameters())).toEqual(Array.from(model.flatParameters()));
      expect(loaded.loss).toBe('softmaxCrossEntropy');
      expect(loaded.l2).toBe(0.5);
      expect(loaded.labels).toEqual(['a', 'b', 'c']);
      const x = g.randn([3, 4], { seed: 1, dtype });
      expect(loaded.model.predict(x).toArray()).toEqual(model.predict(x).toArray());
    });
  }

  it('writes the documented format', () => {
    const path = join(dir, 'format.json');
    g.saveModel(path, build('float64'));
    const json = JSON.parse(readFileSync(path, 'utf8'));
    expect(json.format).toBe('gradlab.model');
    expect(json.version).toBe(1);
    expect(json.inputSize).toBe(4);
    expect(json.layers[0]).toEqual({
      type: 'dense',
      units: 5,
      activation: 'leakyRelu',
      init: { name: 'kaimingNormal', config: { mode: 'fanIn', nonlinearity: 'leakyRelu', a: 0.2 } },
      useBias: true,
      slope: 0.2,
    });
    expect(json.layers[1]).toEqual({ type: 'dropout', rate: 0.1 });
    expect(Object.keys(json.parameters)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(json.parameters['2.weight'].shape).toEqual([3, 5]);
  });

  it('refuses a truncated file with ModelFormatError, and corrupt or foreign ones with a reason', () => {
    const good = join(dir, 'good.json');
    g.saveModel(good, build('float64'));
    const text = readFileSync(good, 'utf8');
    const bad = (name: string, content: string) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };
    expect(() => g.loadModel(bad('trunc.json', text.slice(0, text.length / 2)))).toThrow(g.ModelFormatError);
    expect(() => g.loadModel(bad('trunc2.json', text.slice(0, text.length / 2)))).toThrow(
      /not valid JSON \(truncated or corrupt\?\)/,
    );
    const json = JSON.parse(text);
    expect(() => g.loadModel(bad('v2.json', JSON.stringify({ ...json, version: 2 })))).toThrow(
      /version 2 is not supported/,
    );
    expect(() => g.loadModel(bad('other.json', JSON.stringify({ hello: 1 })))).toThrow(/not a gradlab model/);
    const wrongShape = structuredClone(json);
    wrongShape.parameters['0.weight'].shape = [4, 5];
    expect(() => g.loadModel(bad('shape.json', JSON.stringify(wrongShape)))).toThrow(
      /parameter 0.weight has shape \[4, 5\], the layers need \[5, 4\]/,
    );
    const short = structuredClone(json);
    short.parameters['0.bias'].data.pop();
    expect(() => g.loadModel(bad('short.json', JSON.stringify(short)))).toThrow(/0.bias has 4 values/);
    const noRate = structuredClone(json);
    delete noRate.layers[1].rate;
    expect(() => g.loadModel(bad('rate.json', JSON.stringify(noRate)))).toThrow(/layers.1.rate/);
    expect(() => g.loadModel(join(dir, 'missing.json'))).toThrow(/cannot read: ENOENT/);
  });

  it('writes atomically: no temporary file is left, and a failed save leaves the old file intact', () => {
    const path = join(dir, 'atomic.json');
    const model = build('float64');
    g.saveModel(path, model);
    const before = readFileSync(path, 'utf8');
    model.getParameter('0.bias').data[0] = NaN;
    expect(() => g.saveModel(path, model)).toThrow(/0.bias holds NaN at index 0/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(() => g.writeFileAtomic(join(dir, 'no-such-dir', 'x.json'), 'x')).toThrow(/ENOENT/);
  });

  it('clones to another dtype exactly (float32 → float64)', () => {
    const m32 = build('float32');
    const m64 = g.cloneModel(m32, 'float64');
    expect(m64.dtype).toBe('float64');
    expect(Array.from(m64.flatParameters())).toEqual(Array.from(m32.flatParameters()));
  });
});
