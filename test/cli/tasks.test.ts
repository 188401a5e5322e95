import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/data/table.js';
import { saveModel } from '../../src/node/modelFiles.js';
import { buildMlp } from '../../src/nn/index.js';
import {
  evaluateTable,
  evaluateTrained,
  loadTrainedModel,
  predictTable,
  type ModelFileV2,
} from '../../src/pipeline/index.js';
import { loadDataset } from '../../src/node/datasets.js';
import { randn, Tensor } from '../../src/tensor/index.js';
import { checkpoints, fit as fitModel, type TrainingState } from '../../src/train/index.js';
import { run, spawnCli } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-tasks-'));
const path = (name: string) => join(dir, name);
const fixtures = new URL('../fixtures/sklearn/', import.meta.url);
const fixture = (name: string) => new URL(name, fixtures).pathname;
const json = async (args: string[]) => JSON.parse(await run(args));

/** A one-line error and exit code 1, as a user sees it from the built binary (a few cases: it is slow). */
function failsInBinary(args: string[], message: RegExp): void {
  const r = spawnCli(args);
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

/** The same check in this process: the command throws a one-line error matching `message`. */
async function fails(args: string[], message: RegExp): Promise<void> {
  const error = await run(args).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error?.message).toMatch(message);
  expect(error?.message).not.toContain('\n');
}

// Iris with string labels in a column `species` (from the bundled CSV), and the same rows with the
// columns shuffled, an id column added and the label first.
const SPECIES = ['setosa', 'versicolor', 'virginica'];
const irisRows = readFileSync(new URL('../../datasets/iris.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
writeFileSync(
  path('iris.csv'),
  `sepal_length,sepal_width,petal_length,petal_width,species\n${irisRows.map((r) => [...r.slice(0, 4), SPECIES[+r[4]]].join(',')).join('\n')}\n`,
);
writeFileSync(
  path('iris_reordered.csv'),
  `species,petal_width,id,sepal_length,petal_length,sepal_width\n${irisRows.map((r, i) => [SPECIES[+r[4]], r[3], `r${i}`, r[0], r[2], r[1]].join(',')).join('\n')}\n`,
);

/** Least squares with an intercept by the normal equations (Gaussian elimination, partial pivoting). */
function leastSquares(x: number[][], y: number[]): number[] {
  const rows = x.map((r) => [1, ...r]);
  const p = rows[0].length;
  const a = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)),
  );
  const b = Array.from({ length: p }, (_, i) => rows.reduce((s, r, k) => s + r[i] * y[k], 0));
  for (let i = 0; i < p; i++) {
    let pivot = i;
    for (let k = i + 1; k < p; k++) if (Math.abs(a[k][i]) > Math.abs(a[pivot][i])) pivot = k;
    [a[i], a[pivot]] = [a[pivot], a[i]];
    [b[i], b[pivot]] = [b[pivot], b[i]];
    for (let k = i + 1; k < p; k++) {
      const f = a[k][i] / a[i][i];
      for (let j = i; j < p; j++) a[k][j] -= f * a[i][j];
      b[k] -= f * b[i];
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--)
    beta[i] = (b[i] - a[i].slice(i + 1).reduce((s, v, j) => s + v * beta[i + 1 + j], 0)) / a[i][i];
  return beta;
}

function numbers(file: string): { x: number[][]; y: number[] } {
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r.slice(0, -1)), y: rows.map((r) => r[r.length - 1]) };
}

describe('diabetes (integer target 25…346): regression, not 190 classes', () => {
  const train = fixture('diabetes_train.csv');
  const test = fixture('diabetes_test.csv');

  it('without --task stops and asks, instead of training a 190-class softmax', () => {
    failsInBinary(
      ['train', '--data', train, '--label', 'progression'],
      /distinct integers in 353 rows.*--task regression/,
    );
  });

  it('--loss meanSquaredError means regression (no internal ShapeError)', async () => {
    const out = await json([
      'train',
      '--data',
      train,
      '--label',
      'progression',
      '--loss',
      'mse',
      '--epochs',
      '2',
      '--json',
    ]);
    expect(out.task).toBe('regression');
    expect(out.loss).toBe('meanSquaredError');
    expect(out.validation.regression.perTarget[0].target).toBe('progression');
    expect(out.validation.accuracy).toBeNull();
  });

  it('train --task regression with default settings reaches ≥ 0.9 × least squares R² on the held-out split', async () => {
    const reference = JSON.parse(readFileSync(fixture('diabetes_linear.json'), 'utf8'));
    // Our own least squares on the same split agrees with scikit-learn's LinearRegression.
    const { x, y } = numbers(train);
    const beta = leastSquares(x, y);
    const held = numbers(test);
    const predictions = held.x.map((r) => r.reduce((s, v, j) => s + v * beta[j + 1], beta[0]));
    const mean = held.y.reduce((s, v) => s + v, 0) / held.y.length;
    const r2Linear =
      1 -
      held.y.reduce((s, v, i) => s + (v - predictions[i]) ** 2, 0) / held.y.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(r2Linear).toBeCloseTo(reference.linear_regression.r2, 8);

    const model = path('diabetes.json');
    await run(['train', '--data', train, '--label', 'progression', '--task', 'regression', '--save', model, '--quiet']);
    const result = await json(['eval', '--model', model, '--data', test, '--json']);
    expect(result.regression.perTarget[0].r2).toBeGreaterThanOrEqual(0.9 * r2Linear);
    // Predictions come back in the target's units (the stored target scaler is inverted).
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file.task.targetScaler.mean[0]).toBeGreaterThan(100);
    const predicted = await json(['predict', '--model', model, '--data', test, '--json']);
    const values = predicted.predictions.map((p: Record<string, number>) => p.pred_progression);
    expect(Math.min(...values)).toBeGreaterThan(0);
    expect(values.reduce((s: number, v: number) => s + v, 0) / values.length).toBeCloseTo(mean, -1);
  });
});

describe('multi-target regression', () => {
  it('--label a,b trains one output per target, standardizes each, and predicts pred_a, pred_b in their units', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const u = Math.sin(i * 1.3);
      const v = Math.cos(i * 0.7);
      return [u, v, 1000 + 50 * u - 20 * v, 0.001 * (u + 2 * v)];
    });
    writeFileSync(path('multi.csv'), `u,v,a,b\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const model = path('multi.json');
    const out = await json([
      'train',
      '--data',
      path('multi.csv'),
      '--label',
      'a,b',
      '--lr',
      '0.01',
      '--save',
      model,
      '--json',
    ]);
    expect(out.task).toBe('regression');
    expect(out.validation.regression.perTarget.map((t: { target: string }) => t.target)).toEqual(['a', 'b']);
    for (const t of out.validation.regression.perTarget) expect(t.r2).toBeGreaterThan(0.9);
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file.task.labels).toEqual(['a', 'b']);
    expect(file.task.targetScaler.mean).toHaveLength(2);
    writeFileSync(path('multi_new.csv'), 'v,u\n0,0\n');
    const predicted = await json(['predict', '--model', model, '--data', path('multi_new.csv'), '--json']);
    expect(predicted.header).toEqual(['pred_a', 'pred_b']);
    expect(predicted.predictions[0].pred_a).toBeCloseTo(1000, -1);
    expect(Math.abs(predicted.predictions[0].pred_b)).toBeLessThan(0.001);
  });
});

describe('iris with string labels in `species`', () => {
  const model = path('iris.json');

  it('trains, then eval and predict need no --label; confusion matrix and per-class metrics in --json', async () => {
    await run(['train', '--data', path('iris.csv'), '--label', 'species', '--lr', '0.01', '--save', model, '--quiet']);
    const result = await json(['eval', '--model', model, '--data', path('iris.csv'), '--json']);
    expect(result.schema).toBe('gradlab.eval');
    expect(result.classification.classes).toEqual(SPECIES);
    const matrix: number[][] = result.classification.confusionMatrix;
    expect(matrix.map((row) => row.reduce((s, v) => s + v, 0))).toEqual([50, 50, 50]);
    expect(result.classification.perClass.map((c: { class: string }) => c.class)).toEqual(SPECIES);
    expect(result.classification.accuracy).toBeGreaterThan(0.9);
    expect(result.classification.accuracy).toBeCloseTo((matrix[0][0] + matrix[1][1] + matrix[2][2]) / 150, 12);
    expect(result.classification.macro.f1).toBeGreaterThan(0.9);
  });

  it('predict (the label column still in the file) gives prob_<class> summing to 1 and the predicted class', async () => {
    const out = await json(['predict', '--model', model, '--data', path('iris.csv'), '--json']);
    expect(out.header).toEqual(['prob_setosa', 'prob_versicolor', 'prob_virginica', 'predicted']);
    for (const p of out.predictions) {
      const probs = SPECIES.map((s) => p[`prob_${s}`]);
      expect(probs.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      expect(p.predicted).toBe(SPECIES[probs.indexOf(Math.max(...probs))]);
    }
  });

  it('a reordered file with an extra column gives identical output, and says it reordered', async () => {
    const plain = await json(['eval', '--model', model, '--data', path('iris.csv'), '--json']);
    const shuffled = await json(['eval', '--model', model, '--data', path('iris_reordered.csv'), '--json']);
    expect(shuffled.classification).toEqual(plain.classification);
    expect(shuffled.columns).toMatchObject({ reordered: true, extra: ['id'] });
    const a = await json(['predict', '--model', model, '--data', path('iris.csv'), '--json']);
    const b = await json(['predict', '--model', model, '--data', path('iris_reordered.csv'), '--id', 'id', '--json']);
    expect(b.header[0]).toBe('id');
    expect(b.predictions.map(({ id, ...rest }: Record<string, unknown>) => rest)).toEqual(a.predictions);
    expect(b.predictions[7].id).toBe('r7');
    const r = spawnCli(['eval', '--model', model, '--data', path('iris_reordered.csv')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/note: .*another order than in training/);
    expect(r.stderr).toMatch(/ignored column the model does not read: id/);
  });

  it('the library matches by name too', () => {
    const trained = loadTrainedModel(model);
    const plain = parseTable(readFileSync(path('iris.csv'), 'utf8'), 'iris');
    const shuffled = parseTable(readFileSync(path('iris_reordered.csv'), 'utf8'), 'shuffled');
    expect(evaluateTable(trained, shuffled).classification).toEqual(evaluateTable(trained, plain).classification);
    expect(predictTable(trained, shuffled).rows).toEqual(predictTable(trained, plain).rows);
    // A Dataset (numbers plus featureNames) is matched by name as well.
    const data = loadDataset(path('iris.csv'), { label: 'species' });
    const order = [3, 1, 0, 2];
    const x = data.x.data;
    const reordered = {
      ...data,
      featureNames: order.map((j) => data.featureNames[j]),
      x: new Tensor(
        Float64Array.from({ length: x.length }, (_, i) => x[i - (i % 4) + order[i % 4]]),
        [150, 4],
      ),
    };
    expect(evaluateTrained(trained, reordered)).toEqual(evaluateTrained(trained, data));
    expect(() => evaluateTrained(trained, { ...data, featureNames: ['a', 'b', 'c', 'd'] })).toThrow(/missing columns/);
  });

  it('a missing or renamed column is an error naming it', async () => {
    const text = readFileSync(path('iris.csv'), 'utf8').replace('petal_width', 'petal_w');
    writeFileSync(path('iris_renamed.csv'), text);
    await fails(
      ['eval', '--model', model, '--data', path('iris_renamed.csv')],
      /missing column 'petal_width' that the model reads/,
    );
    await fails(['predict', '--model', model, '--data', path('iris_renamed.csv')], /missing column 'petal_width'/);
  });

  it('eval without the label column names it; a label the model does not know is named', async () => {
    writeFileSync(path('iris_nolabel.csv'), 'sepal_length,sepal_width,petal_length,petal_width\n1,2,3,4\n');
    await fails(['eval', '--model', model, '--data', path('iris_nolabel.csv')], /no label column 'species'/);
    writeFileSync(path('iris_rose.csv'), 'sepal_length,sepal_width,petal_length,petal_width,species\n1,2,3,4,rose\n');
    await fails(
      ['eval', '--model', model, '--data', path('iris_rose.csv')],
      /label 'rose' is not one of the model's classes/,
    );
  });

  it('CSV predictions keep full precision and rename a name that collides with an input column', async () => {
    const text = readFileSync(path('iris.csv'), 'utf8').replace('sepal_length', 'prob_setosa');
    writeFileSync(path('iris_collide.csv'), text);
    const trainedOn = path('collide.json');
    await run([
      'train',
      '--data',
      path('iris_collide.csv'),
      '--label',
      'species',
      '--epochs',
      '5',
      '--save',
      trainedOn,
      '--quiet',
    ]);
    const out = path('collide_predictions.csv');
    await run(['predict', '--model', trainedOn, '--data', path('iris_collide.csv'), '--out', out]);
    const [header, first] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header).toBe('prob_setosa_2,prob_versicolor,prob_virginica,predicted');
    const asJson = await json(['predict', '--model', trainedOn, '--data', path('iris_collide.csv'), '--json']);
    const cells = first.split(',');
    expect(Number(cells[0])).toBe(asJson.predictions[0].prob_setosa_2);
    expect(cells[0]).toBe(String(asJson.predictions[0].prob_setosa_2));
  });
});

describe('labels and losses that do not fit: one-line errors naming the loss that fits', () => {
  it('binaryCrossEntropy on 3 classes', () => {
    failsInBinary(
      ['train', '--data', path('iris.csv'), '--label', 'species', '--loss', 'binaryCrossEntropy'],
      /binaryCrossEntropy needs 2 classes, label 'species' has 3: use softmaxCrossEntropy/,
    );
  });

  it('non-integer labels on a classifier', async () => {
    writeFileSync(path('fractions.csv'), 'a,y\n1,0.5\n2,1.5\n3,0.25\n');
    await fails(
      ['train', '--data', path('fractions.csv'), '--label', 'y', '--loss', 'softmaxCrossEntropy'],
      /non-integer numbers .*use meanSquaredError/,
    );
    await fails(
      ['train', '--data', path('fractions.csv'), '--label', 'y', '--loss', 'binaryCrossEntropy'],
      /binaryCrossEntropy needs class labels/,
    );
  });

  it('a single-class label', async () => {
    writeFileSync(path('single.csv'), 'a,y\n1,k\n2,k\n3,k\n');
    await fails(['train', '--data', path('single.csv'), '--label', 'y'], /label 'y' has a single class \(k\)/);
  });

  it('duplicate column names, in train, eval and normalize', async () => {
    writeFileSync(path('dup.csv'), 'a,b,a,label\n1,2,3,0\n');
    await fails(['train', '--data', path('dup.csv')], /column name 'a' appears twice/);
    await fails(['eval', '--model', path('iris.json'), '--data', path('dup.csv')], /column name 'a' appears twice/);
    await fails(['normalize', 'fit', '--data', path('dup.csv'), '--out', path('dup.scaler.json')], /appears twice/);
  });
});

describe('binary classes: the positive class', () => {
  const rows = Array.from({ length: 60 }, (_, i) => `${i % 2 ? 3 + (i % 5) : -3 - (i % 4)},${i % 2 ? 'yes' : 'no'}`);

  it('is the second in sorted order, or the one --positive names', async () => {
    writeFileSync(path('yn.csv'), `x,answer\n${rows.join('\n')}\n`);
    const trainYesNo = (model: string, ...extra: string[]) =>
      run([
        'train',
        '--data',
        path('yn.csv'),
        '--label',
        'answer',
        '--epochs',
        '30',
        '--lr',
        '0.05',
        '--save',
        model,
        '--quiet',
        ...extra,
      ]);
    const sorted = path('yn.json');
    await trainYesNo(sorted);
    expect(JSON.parse(readFileSync(sorted, 'utf8')).task.classes).toEqual(['no', 'yes']);
    const flipped = path('yn_no.json');
    await trainYesNo(flipped, '--positive', 'no');
    expect(JSON.parse(readFileSync(flipped, 'utf8')).task.classes).toEqual(['yes', 'no']);
    writeFileSync(path('yn_new.csv'), 'x\n6\n-6\n');
    for (const model of [sorted, flipped]) {
      const out = await json(['predict', '--model', model, '--data', path('yn_new.csv'), '--json']);
      expect(out.predictions.map((p: { predicted: string }) => p.predicted)).toEqual(['yes', 'no']);
      expect(out.predictions[0].prob_yes + out.predictions[0].prob_no).toBeCloseTo(1, 14);
    }
  });
});

describe('missing values and categories', () => {
  const rows = Array.from({ length: 40 }, (_, i) => [
    i % 7 === 3 ? '' : String(i % 2 ? 2 + (i % 3) : -2 - (i % 3)),
    ['red', 'blue', 'green'][i % 3],
    i % 2 ? 'up' : 'down',
  ]);
  const text = `x,color,dir\n${rows.map((r) => r.join(',')).join('\n')}\n`;

  it('an empty cell is refused naming row and column, then --missing drop or mean', async () => {
    writeFileSync(path('holes.csv'), text);
    const base = [
      'train',
      '--data',
      path('holes.csv'),
      '--label',
      'dir',
      '--categorical',
      'color',
      '--epochs',
      '3',
      '--validation',
      '0',
    ];
    await fails(base, /holes\.csv line 5, column 1 \(x\): is empty \(choose --missing drop or --missing mean\)/);
    writeFileSync(path('nolabel_cell.csv'), 'x,dir\n1,up\n2,\n');
    await fails(
      ['train', '--data', path('nolabel_cell.csv'), '--label', 'dir'],
      /line 3, column 2 \(dir\): the label is empty/,
    );
    const dropped = await json([...base, '--missing', 'drop', '--json']);
    expect(dropped.rows.dropped).toBe(rows.filter((r) => r[0] === '').length);
    const model = path('holes.json');
    await run([...base, '--missing', 'mean', '--save', model, '--quiet']);
    const present = rows.filter((r) => r[0] !== '').map((r) => Number(r[0]));
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file.inputs.missing).toBe('mean');
    expect(file.inputs.columns[0].mean).toBeCloseTo(present.reduce((s, v) => s + v, 0) / present.length, 12);
    expect(file.inputs.columns[1]).toEqual({
      name: 'color',
      kind: 'categorical',
      categories: ['blue', 'green', 'red'],
    });
  });

  it('a text feature asks for --categorical; an unseen category is an error or, with --unknown ignore, none', async () => {
    await fails(
      ['train', '--data', path('holes.csv'), '--label', 'dir', '--missing', 'mean'],
      /'red' is not a number \(a text column\? say --categorical color\)/,
    );
    writeFileSync(path('purple.csv'), 'x,color\n1,purple\n1,red\n');
    await fails(
      ['predict', '--model', path('holes.json'), '--data', path('purple.csv')],
      /line 2, column 2 \(color\): category 'purple' was not seen in training/,
    );
    const out = await json([
      'predict',
      '--model',
      path('holes.json'),
      '--data',
      path('purple.csv'),
      '--unknown',
      'ignore',
      '--json',
    ]);
    expect(out.rows).toBe(2);
  });
});

describe('the saved model is a contract (version 2)', () => {
  it('stores task, columns, labels, classes, encodings and provenance with a hash of the training data', async () => {
    const model = path('iris.json');
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file.version).toBe(2);
    expect(file.task).toMatchObject({
      kind: 'classification',
      labels: ['species'],
      classes: SPECIES,
      targetScaler: null,
    });
    expect(file.inputs.columns.map((c: { name: string }) => c.name)).toEqual([
      'sepal_length',
      'sepal_width',
      'petal_length',
      'petal_width',
    ]);
    const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
    expect(file.provenance.gradlabVersion).toBe(version);
    expect(file.provenance.seed).toBe(1);
    expect(file.provenance.command).toEqual(expect.arrayContaining(['train', '--label', 'species']));
    expect(file.provenance.data.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(path('iris.csv')))
        .digest('hex'),
    );
    expect(file.provenance.data.rows).toBe(150);
    expect(file).not.toHaveProperty('trainingState');
  });

  const tampered: Array<[string, (f: ModelFileV2) => void, RegExp]> = [
    [
      '2 class names for 3 outputs',
      (f) => (f.task.classes = ['a', 'b']),
      /binaryCrossEntropy needs|softmaxCrossEntropy needs one output per class: 2 classes, 3 outputs/,
    ],
    [
      'a regression loss on a classifier',
      (f) => (f.objective.loss = 'meanSquaredError'),
      /meanSquaredError does not fit a classifier/,
    ],
    [
      'binary cross-entropy with 3 outputs',
      (f) => (f.objective.loss = 'binaryCrossEntropy'),
      /binaryCrossEntropy needs 2 classes and 1 output/,
    ],
    [
      'a label that is also an input',
      (f) => (f.task.labels = ['petal_width']),
      /the label column 'petal_width' is also an input/,
    ],
    [
      'an input column too many',
      (f) => f.inputs.columns?.push({ name: 'z', kind: 'numeric', mean: 0 }),
      /encode 5 features, the network reads 4/,
    ],
    [
      'a malformed training state',
      (f) => (f.trainingState = { epoch: -1, step: 0 } as unknown as typeof f.trainingState),
      /trainingState\.epoch/,
    ],
  ];
  for (const [what, edit, message] of tampered) {
    it(`refuses a file with ${what}`, async () => {
      const file = JSON.parse(readFileSync(path('iris.json'), 'utf8'));
      edit(file);
      const bad = path(`bad-${what.replace(/\W+/g, '_')}.json`);
      writeFileSync(bad, JSON.stringify(file));
      await fails(['eval', '--model', bad, '--data', path('iris.csv')], message);
    });
  }

  it('accepts a documented training-state section (for resuming)', async () => {
    const file = JSON.parse(readFileSync(path('iris.json'), 'utf8'));
    // A real checkpoint of this model: one epoch on made-up rows of its input width.
    const trained = loadTrainedModel(path('iris.json'));
    let state: TrainingState | null = null;
    fitModel(trained.model, randn([12, 4], { seed: 1 }), new Tensor(new Float64Array(12), [12]), {
      loss: trained.loss,
      epochs: 1,
      quiet: true,
      callbacks: [
        checkpoints({
          every: 1,
          save: (s) => {
            state = s;
          },
        }),
      ],
    });
    file.trainingState = JSON.parse(JSON.stringify(state));
    writeFileSync(path('resume.json'), JSON.stringify(file));
    expect(loadTrainedModel(path('resume.json')).trainingState?.step).toBe(1);
  });

  it('a version 1 file (no column names) still loads, matches by position and says so', async () => {
    const v1 = path('v1.json');
    saveModel(v1, buildMlp({ inputSize: 4, hidden: [3], outputs: 3, loss: 'softmaxCrossEntropy', seed: 1 }), {
      loss: 'softmaxCrossEntropy',
      labels: SPECIES,
    });
    // A version 1 file does not know its label column: --label names it (default 'label').
    await fails(['eval', '--model', v1, '--data', path('iris.csv')], /no label column 'label'/);
    const r = spawnCli(['eval', '--model', v1, '--data', path('iris.csv'), '--label', 'species', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).columns.byPosition).toBe(true);
    expect(r.stderr).toMatch(/no column names: matched 4 columns by position/);
    await fails(
      ['eval', '--model', v1, '--data', path('iris_reordered.csv'), '--label', 'species'],
      /reads 4 columns by position, the file has 5/,
    );
  });
});

describe('--json outputs carry a schema and a version, and docs/cli-json.md lists their keys', () => {
  const docs = readFileSync(new URL('../../docs/cli-json.md', import.meta.url), 'utf8');
  const documented = (key: string) => docs.includes(`\`${key}\``);

  it('train, eval, predict, gradcheck and normalize', async () => {
    writeFileSync(path('n.csv'), 'a,b,label\n1,10,0\n2,20,1\n3,60,1\n');
    const outputs: Record<string, Record<string, unknown>> = {
      'gradlab.train': await json([
        'train',
        '--data',
        path('iris.csv'),
        '--label',
        'species',
        '--epochs',
        '1',
        '--save',
        path('schema.json'),
        '--json',
      ]),
      'gradlab.eval': await json(['eval', '--model', path('schema.json'), '--data', path('iris.csv'), '--json']),
      'gradlab.predict': await json(['predict', '--model', path('schema.json'), '--data', path('iris.csv'), '--json']),
      'gradlab.gradcheck': await json([
        'gradcheck',
        '--data',
        'iris',
        '--layers',
        '3',
        '--samples',
        '5',
        '--json',
      ]).catch(() => ({})),
      'gradlab.normalize.fit': await json([
        'normalize',
        'fit',
        '--data',
        path('n.csv'),
        '--out',
        path('n.scaler.json'),
        '--json',
      ]),
      'gradlab.normalize.apply': await json([
        'normalize',
        'apply',
        '--scaler',
        path('n.scaler.json'),
        '--data',
        path('n.csv'),
        '--out',
        path('n.out.csv'),
        '--json',
      ]),
    };
    for (const [schema, out] of Object.entries(outputs)) {
      expect(out.schema).toBe(schema);
      expect(out.schemaVersion).toBe(1);
      expect(docs).toContain(schema);
      expect(Object.keys(out).filter((k) => !documented(k))).toEqual([]);
    }
  });
});

describe('normalize apply matches columns by name', () => {
  it('a reordered file gives the same numbers; a missing column is named', async () => {
    writeFileSync(path('s.csv'), 'a,b,label\n1,10,0\n2,20,1\n3,60,1\n');
    await run(['normalize', 'fit', '--data', path('s.csv'), '--out', path('s.scaler.json')]);
    writeFileSync(path('s1.csv'), 'a,b,label\n2,30,0\n');
    writeFileSync(path('s2.csv'), 'label,b,a\n0,30,2\n');
    const apply = (input: string, out: string) => [
      'normalize',
      'apply',
      '--scaler',
      path('s.scaler.json'),
      '--data',
      path(input),
      '--out',
      path(out),
    ];
    await run(apply('s1.csv', 'o1.csv'));
    await run(apply('s2.csv', 'o2.csv'));
    const [h1, r1] = readFileSync(path('o1.csv'), 'utf8').trim().split('\n');
    const [h2, r2] = readFileSync(path('o2.csv'), 'utf8').trim().split('\n');
    expect(h2).toBe('label,b,a');
    const byName = (h: string, r: string) => Object.fromEntries(h.split(',').map((k, i) => [k, r.split(',')[i]]));
    expect(byName(h2, r2)).toEqual(byName(h1, r1));
    writeFileSync(path('s3.csv'), 'a,label\n1,0\n');
    await fails(apply('s3.csv', 'o3.csv'), /missing column 'b'/);
  });
});
