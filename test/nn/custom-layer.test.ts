import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';
import { numericOnWorkers } from '../../src/node/gradcheckWorkers.js';
// @ts-expect-error: a plain JavaScript fixture, written as a user would write their own layer file
import { FeatureScale } from '../fixtures/layers/featureScale.mjs';

/**
 * A layer the user writes in their own file (a learnable per-feature scale made with customOp) plugs
 * in like a built-in one: the gradient checker finds its parameter through the Sequential's slots,
 * worker threads rebuild it from its registered module, and model files and clones round-trip it.
 */
const data = g.circles({ n: 64, seed: 3 });
const dir = mkdtempSync(join(tmpdir(), 'gradlab-custom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function network(dtype: g.DType = 'float64'): g.Sequential {
  return new g.Sequential(
    [new FeatureScale(0.5), new g.Dense(6, { activation: 'tanh' }), new g.Dense(1, { activation: 'sigmoid' })],
    { inputSize: 2, seed: 4, dtype },
  );
}
const objective = g.Objective.from({ loss: 'binaryCrossEntropy', l2: 0.3 });

describe('a user-written layer', () => {
  it('is a parameter slot of its Sequential, unpenalized by L2', () => {
    const slots = network().parameterSlots();
    expect(slots[0]).toMatchObject({ name: '0.scale', layerIndex: 0, role: 'scale', penalized: false });
  });

  for (const mode of ['full', 'directional'] as const) {
    it(`passes a ${mode} gradient check, and a planted bug in its gradient fails`, () => {
      const model = network();
      const x = g.astype(data.x, 'float64');
      const ok = g.gradcheck(model, x, data.y, { objective, mode });
      expect(ok.verdict).toBe('pass');
      expect(ok.parameters.map((p) => p.name)).toContain('0.scale');
      const bug = g.gradcheck(model, x, data.y, {
        objective,
        mode,
        injectBug: { parameter: '0.scale', kind: 'scale' },
      });
      expect(bug.verdict).toBe('fail');
      expect(bug.parameters.find((p) => p.name === '0.scale')!.verdict).toBe('fail');
    });
  }

  it('is checked on worker threads when registered with its module, with the same differences', () => {
    const model = network();
    const here = g.gradcheck(model, data.x, data.y, { objective, mode: 'full', workers: 1 });
    const threaded = g.gradcheck(model, data.x, data.y, { objective, mode: 'full', workers: 2 });
    expect(threaded.notes.join(' ')).toMatch(/ran on 2 threads/);
    threaded.parameters.forEach((p, i) => expect(p.difference).toBe(here.parameters[i].difference));
    // Every entry on workers (the calling thread takes no chunk): the layer was rebuilt from its module.
    const fixed = g.gradcheck(model, data.x, data.y, { objective, mode: 'full', epsilon: 1e-6, includeValues: true });
    const steps = model.parameters().map(() => 1e-6);
    const context = { training: false };
    const numeric = numericOnWorkers(model, data.x, data.y, context, { objective, strategy: 'incremental', steps }, 2);
    numeric.values.forEach((values, i) => expect([...values]).toEqual(fixed.parameters[i].numericValues));
  });

  it('round-trips through saveModel/loadModel and clones to float32', () => {
    const model = network();
    g.fit(model, data.x, data.y, { objective, epochs: 2, quiet: true, seed: 1 });
    const path = join(dir, 'model.json');
    g.saveModel(path, model);
    const { model: loaded } = g.loadModel(path);
    expect(loaded.layers[0]).toBeInstanceOf(FeatureScale);
    expect(Array.from(loaded.flatParameters())).toEqual(Array.from(model.flatParameters()));
    const single = g.cloneModel(model, 'float32');
    expect(single.dtype).toBe('float32');
    const expected = model.predict(data.x).data;
    const got = single.predict(g.astype(data.x, 'float32')).data;
    for (let i = 0; i < expected.length; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
  });

  it('a layer type nobody registered is refused by name', () => {
    const json = g.modelToJSON(network());
    (json.layers[0] as { type: string }).type = 'nobodyKnowsMe';
    expect(() => g.modelFromJSON(json)).toThrow(/layers\.0: unknown layer type 'nobodyKnowsMe'.*registerLayer/);
    expect(() => g.registerLayer('dense', () => new g.Dense(1))).toThrow(/built-in/);
  });
});

describe('a user-written layer that ends its worker thread', () => {
  it('fails the check with a message instead of leaving it waiting for the lost work', () => {
    // In a child process with a time limit: a check waiting for a dead thread blocks its own event loop,
    // which no test timeout could interrupt. It waited 30 minutes (the queue's deadline) before. Every
    // chunk goes to the two worker threads (no calling thread), so both reach the layer's exit.
    const url = (path: string) => new URL(path, import.meta.url).href;
    const script = [
      `import { circles, Dense, Objective, Sequential } from '${url('../../dist/index.js')}';`,
      `import { numericOnWorkers } from '${url('../../dist/node/gradcheckWorkers.js')}';`,
      `import { ExitOnWorker } from '${url('../fixtures/layers/exitOnWorker.mjs')}';`,
      'const data = circles({ n: 32, seed: 1 });',
      "const layers = [new Dense(16, { activation: 'tanh' }), new ExitOnWorker(), new Dense(1, { activation: 'sigmoid' })];",
      'const model = new Sequential(layers, { inputSize: 2, seed: 1 });',
      "const settings = { objective: Objective.from({ loss: 'binaryCrossEntropy' }), strategy: 'incremental',",
      '  steps: model.parameters().map(() => 1e-6) };',
      'try { numericOnWorkers(model, data.x, data.y, { training: false }, settings, 2); console.log("finished"); }',
      'catch (error) { console.log(error.message); }',
    ].join('\n');
    const file = join(dir, 'exit-on-worker.mjs');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBeNull();
    expect(child.stdout).toMatch(/a worker thread failed or ended inside its share of the work/);
  });
});
