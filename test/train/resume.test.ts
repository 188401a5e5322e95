import { describe, expect, it } from 'vitest';
import * as g from '../../src/index.js';

/**
 * A run interrupted after epoch k and resumed from its checkpoint (the state and the model, both
 * through JSON as in a file) ends with the same parameters, bit for bit, as the uninterrupted run.
 */
const data = g.circles({ n: 120, seed: 5 });
const validation = g.circles({ n: 40, seed: 6 });

function network(): g.Sequential {
  return new g.Sequential(
    [new g.Dense(8, { activation: 'relu' }), new g.Dropout(0.2), new g.Dense(1, { activation: 'sigmoid' })],
    { inputSize: 2, seed: 7 },
  );
}

const optimizers: Array<[string, () => g.Optimizer]> = [
  ['sgd', () => new g.SGD({ learningRate: 0.1 })],
  ['momentum', () => new g.SGD({ learningRate: 0.05, momentum: 0.9 })],
  ['nesterov', () => new g.SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true })],
  ['rmsprop', () => new g.RMSprop({ learningRate: 0.01 })],
  ['adam', () => new g.Adam({ learningRate: 0.01 })],
];

describe('training that resumes', () => {
  for (const [name, optimizer] of optimizers) {
    it(`${name}, with a schedule, dropout, L2 and early stopping: resumed = uninterrupted, bit for bit`, () => {
      const options = (): g.FitOptions => ({
        loss: 'binaryCrossEntropy',
        l2: 0.01,
        optimizer: optimizer(),
        epochs: 8,
        batchSize: 16,
        seed: 3,
        validation,
        schedule: g.stepDecay({ stepSize: 2, gamma: 0.7 }),
        earlyStopping: { patience: 50 },
        quiet: true,
      });
      const whole = network();
      const wholeHistory = g.fit(whole, data.x, data.y, options());

      let saved: { state: string; model: string } | null = null;
      const first = network();
      g.fit(first, data.x, data.y, {
        ...options(),
        callbacks: [
          g.checkpoints({
            every: 3,
            save: (state, context) => {
              saved = { state: JSON.stringify(state), model: JSON.stringify(g.modelToJSON(context.model)) };
            },
          }),
          { onEpochEnd: (context, { epoch }) => void (epoch === 2 && context.stop('completed', 'interrupted')) },
        ],
      });
      expect(saved).not.toBeNull();
      const { state, model } = saved as unknown as { state: string; model: string };
      const resumed = g.modelFromJSON(JSON.parse(model)).model;
      const resumedHistory = g.fit(resumed, data.x, data.y, { ...options(), resume: JSON.parse(state) });

      expect(Array.from(resumed.flatParameters())).toEqual(Array.from(whole.flatParameters()));
      expect(resumedHistory.steps).toEqual(wholeHistory.steps);
      expect(resumedHistory.epochs.map((e) => e.learningRate)).toEqual(wholeHistory.epochs.map((e) => e.learningRate));
    });
  }

  it('refuses a state that is not a training state, and one with another optimizer', () => {
    const model = network();
    let state: g.TrainingState | null = null;
    g.fit(model, data.x, data.y, {
      loss: 'binaryCrossEntropy',
      optimizer: 'adam',
      epochs: 1,
      quiet: true,
      callbacks: [
        g.checkpoints({
          every: 1,
          save: (s) => {
            state = s;
          },
        }),
      ],
    });
    const bad = { ...(state as unknown as g.TrainingState), format: 'other' } as unknown as g.TrainingState;
    expect(() => g.fit(model, data.x, data.y, { loss: 'binaryCrossEntropy', resume: bad, quiet: true })).toThrow(
      /gradlab\.training/,
    );
    expect(() =>
      g.fit(model, data.x, data.y, { loss: 'binaryCrossEntropy', optimizer: 'sgd', resume: state!, quiet: true }),
    ).toThrow(/cannot resume from the state of a adam optimizer/);
  });
});
