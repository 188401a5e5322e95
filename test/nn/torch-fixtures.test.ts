import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

interface Fixture {
  name: string;
  layers: Array<{ type: 'dense'; in: number; out: number; activation: string }>;
  loss: string;
  l2: number;
  X: number[][];
  Y: number[][] | number[];
  output: number[][];
  data_loss: number;
  objective: number;
  parameters: Record<string, { shape: number[]; data: number[] }>;
  gradients: Record<string, { shape: number[]; data: number[] }>;
}

const names = ['relu_bce_l2', 'tanh_softmax', 'leaky_mse_l2', 'deep_sigmoid_bce'];
const load = (name: string): Fixture =>
  JSON.parse(readFileSync(new URL(`../fixtures/torch/${name}.json`, import.meta.url), 'utf8'));

function relError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  return g.relativeDifference(actual, expected);
}

describe('forward, objective and every gradient match PyTorch to 1e-12 (float64)', () => {
  for (const name of names) {
    it(name, () => {
      const f = load(name);
      const model = new g.Sequential(
        f.layers.map((l) => new g.Dense(l.out, { activation: l.activation })),
        { inputSize: f.layers[0].in },
      );
      model.setParameters(Object.fromEntries(Object.entries(f.parameters).map(([k, v]) => [k, v.data])));
      expect(model.namedParameters().map(([n, t]) => [n, t.shape])).toEqual(
        Object.entries(f.parameters).map(([k, v]) => [k, v.shape]),
      );
      const X = g.tensor(f.X);
      const Y = g.tensor(f.Y as number[][]);

      const result = g.computeObjective(model, X, Y, { loss: f.loss, l2: f.l2 });
      expect(relError(result.output.data, f.output.flat())).toBeLessThan(1e-12);
      expect(Math.abs(result.dataLoss.item() - f.data_loss) / Math.abs(f.data_loss)).toBeLessThan(1e-12);
      expect(Math.abs(result.objective.item() - f.objective) / Math.abs(f.objective)).toBeLessThan(1e-12);

      g.backward(result.objective);
      for (const [pname, p] of model.namedParameters()) {
        const expected = f.gradients[pname];
        expect(p.grad!.shape).toEqual(expected.shape);
        const err = relError(p.grad!.data, expected.data);
        expect(err, `${name} ${pname}`).toBeLessThan(1e-12);
      }
    });
  }
});
