import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchColumns } from '../../src/data/columns.js';
import { encodeInputs, fitInputEncoding } from '../../src/data/encoding.js';
import { parseTable } from '../../src/data/table.js';
import { checkLossFits, classOrder, inferTask } from '../../src/data/task.js';
import { classificationMetrics, regressionMetrics } from '../../src/train/metrics.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/sklearn/metrics.json', import.meta.url), 'utf8'));
const table = (text: string) => parseTable(text, 't.csv');

describe('task inference', () => {
  const column = (values: Array<string | number>) => table(`x,y\n${values.map((v, i) => `${i},${v}`).join('\n')}\n`);

  it('reads the diabetes-like integer target (many distinct values) as a question, not 190 classes', () => {
    const values = Array.from({ length: 442 }, (_, i) => 25 + ((i * 37) % 300));
    expect(() => inferTask(column(values), ['y'])).toThrow(/distinct integers in 442 rows.*--task/);
    expect(inferTask(column(values), ['y'], { task: 'regression' })).toBe('regression');
    expect(inferTask(column(values), ['y'], { loss: 'meanSquaredError' })).toBe('regression');
  });

  it('asks when distinct integers exceed a tenth of the rows even below 50', () => {
    const values = Array.from({ length: 100 }, (_, i) => i % 11);
    expect(() => inferTask(column(values), ['y'])).toThrow(/11 distinct integers in 100 rows/);
    expect(inferTask(column(values.map((v) => v % 10)), ['y'])).toBe('classification');
  });

  it('non-integer numbers mean regression, and a classifier loss on them names the loss that fits', () => {
    const t = column([0.5, 1, 2.25, 3]);
    expect(inferTask(t, ['y'])).toBe('regression');
    expect(() => inferTask(t, ['y'], { loss: 'binaryCrossEntropy' })).toThrow(/non-integer.*use meanSquaredError/);
    expect(() => inferTask(t, ['y'], { task: 'classification' })).toThrow(/use meanSquaredError/);
  });

  it('text means classification; text cannot be a regression target', () => {
    const t = column(['a', 'b', 'a']);
    expect(inferTask(t, ['y'])).toBe('classification');
    expect(() => inferTask(t, ['y'], { task: 'regression' })).toThrow(/line 2, column 'y': 'a' is not a number/);
  });

  it('several label columns mean multi-target regression', () => {
    const t = table('x,a,b\n1,2,3\n4,5,6\n');
    expect(inferTask(t, ['a', 'b'])).toBe('regression');
    expect(() => inferTask(t, ['a', 'b'], { task: 'classification' })).toThrow(/multi-target regression/);
  });

  it('losses that do not fit the labels name the loss that does', () => {
    expect(() => checkLossFits('binaryCrossEntropy', 'classification', ['a', 'b', 'c'])).toThrow(
      /binaryCrossEntropy needs 2 classes.*use softmaxCrossEntropy/,
    );
    expect(() => checkLossFits('meanSquaredError', 'classification', ['a', 'b'])).toThrow(/use binaryCrossEntropy/);
    expect(() => checkLossFits('softmaxCrossEntropy', 'regression', null)).toThrow(/use meanSquaredError/);
    expect(() => checkLossFits('softmaxCrossEntropy', 'classification', ['only'], "label 'y'")).toThrow(
      /label 'y' has a single class \(only\)/,
    );
    expect(() => checkLossFits('softmaxCrossEntropy', 'classification', ['a', 'b'])).not.toThrow();
  });

  it('orders classes (numbers numerically, text sorted) and puts a --positive class second', () => {
    expect(classOrder(['10', '9', '2', '9'])).toEqual([2, 9, 10]);
    expect(classOrder(['yes', 'no', 'yes'])).toEqual(['no', 'yes']);
    expect(classOrder(['yes', 'no'], 'no')).toEqual(['yes', 'no']);
    expect(() => classOrder(['yes', 'no'], 'maybe')).toThrow(/--positive maybe is not a class/);
    expect(() => classOrder(['a', 'b', 'c'], 'a')).toThrow(/needs 2 classes/);
  });
});

describe('columns by name', () => {
  it('refuses duplicate column names', () => {
    expect(() => table('a,b,a\n1,2,3\n')).toThrow(/column name 'a' appears twice \(columns 1 and 3\)/);
  });

  it('finds reordered columns, names a missing one, lists extra ones and never takes a label', () => {
    const t = table('c,label,a,extra,b\n3,0,1,9,2\n');
    const match = matchColumns(t, ['a', 'b', 'c'], { exclude: ['label'] });
    expect(match.indices).toEqual([2, 4, 0]);
    expect(match.reordered).toBe(true);
    expect(match.extra).toEqual(['extra']);
    expect(() => matchColumns(t, ['a', 'z'], { exclude: ['label'] })).toThrow(/missing column 'z'/);
    expect(() => matchColumns(t, ['a', 'label'], { exclude: ['label'] })).toThrow(/both a model input and a label/);
    const inOrder = matchColumns(table('a,b,c\n1,2,3\n'), ['a', 'b', 'c']);
    expect(inOrder.reordered).toBe(false);
    expect(inOrder.notes).toEqual([]);
  });

  it('a model without names matches by position, says so, and checks the count', () => {
    const t = table('p,q,label\n1,2,0\n');
    const match = matchColumns(t, null, { exclude: ['label'], count: 2 });
    expect(match).toMatchObject({ indices: [0, 1], byPosition: true });
    expect(match.notes[0]).toMatch(/by position/);
    expect(() => matchColumns(t, null, { exclude: ['label'], count: 3 })).toThrow(/reads 3 columns by position/);
  });
});

describe('encodings', () => {
  const t = table('n,color\n1,red\n,blue\n5,red\n');

  it('an empty cell is an error naming row and column unless --missing says otherwise', () => {
    const enc = fitInputEncoding(t, [0], {});
    expect(() => encodeInputs(t, enc, [0])).toThrow(/t\.csv line 3, column 1 \(n\): is empty/);
    const mean = fitInputEncoding(t, [0], { missing: 'mean' });
    expect(mean.columns[0]).toEqual({ name: 'n', kind: 'numeric', mean: 3 });
    expect(Array.from(encodeInputs(t, mean, [0]))).toEqual([1, 3, 5]);
  });

  it('the imputed mean comes from the training rows only', () => {
    const enc = fitInputEncoding(t, [0], { missing: 'mean', rows: [0] });
    expect(Array.from(encodeInputs(t, enc, [0]))).toEqual([1, 1, 5]);
  });

  it('a text column asks for --categorical; categories are one-hot with the training set, unseen ones refused', () => {
    expect(() => fitInputEncoding(t, [0, 1], { missing: 'mean' })).toThrow(
      /'red' is not a number.*--categorical color/,
    );
    const enc = fitInputEncoding(t, [0, 1], { missing: 'mean', categorical: ['color'] });
    expect(enc.columns[1]).toEqual({ name: 'color', kind: 'categorical', categories: ['blue', 'red'] });
    expect(Array.from(encodeInputs(t, enc, [0, 1]))).toEqual([1, 0, 1, 3, 1, 0, 5, 0, 1]);
    const other = table('n,color\n2,green\n');
    expect(() => encodeInputs(other, enc, [0, 1])).toThrow(/category 'green' was not seen in training/);
    expect(Array.from(encodeInputs(other, enc, [0, 1], { unknown: 'ignore' }))).toEqual([2, 0, 0]);
  });
});

describe('metrics against scikit-learn', () => {
  it('classification: accuracy, log-loss, confusion matrix, per-class and macro precision/recall/F1', () => {
    const c = fixture.classification;
    const got = classificationMetrics(c.probabilities.flat(), c.truth, ['a', 'b', 'c']);
    expect(got.accuracy).toBeCloseTo(c.accuracy, 12);
    expect(got.logLoss).toBeCloseTo(c.logLoss, 12);
    expect(got.confusionMatrix).toEqual(c.confusionMatrix);
    got.perClass.forEach((k, i) => {
      expect(k.precision).toBeCloseTo(c.precision[i], 12);
      expect(k.recall).toBeCloseTo(c.recall[i], 12);
      expect(k.f1).toBeCloseTo(c.f1[i], 12);
      expect(k.support).toBe(c.support[i]);
    });
    expect(got.macro.f1).toBeCloseTo(c.macro.f1, 12);
    expect(got.macro.precision).toBeCloseTo(c.macro.precision, 12);
  });

  it('a class never predicted gets precision 0, not NaN', () => {
    const got = classificationMetrics([0.9, 0.1, 0.8, 0.2], [0, 1], [0, 1]);
    expect(got.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('regression: RMSE, MAE and R² per target, and their averages', () => {
    const r = fixture.regression;
    const got = regressionMetrics(r.predictions.flat(), r.targets.flat(), ['big', 'small']);
    got.perTarget.forEach((t, j) => {
      expect(t.rmse).toBeCloseTo(r.rmse[j], 10);
      expect(t.mae).toBeCloseTo(r.mae[j], 10);
      expect(t.r2).toBeCloseTo(r.r2[j], 10);
    });
    expect(got.average.r2).toBeCloseTo((r.r2[0] + r.r2[1]) / 2, 10);
    expect(regressionMetrics([1, 2], [3, 3], ['flat']).perTarget[0].r2).toBeNull();
  });
});
