import { ArgumentError, DataError } from '../errors.js';
import { notANumber, parseDecimal, quoteCell } from './decimal.js';
import { columnIndex, type Table } from './table.js';

/** What a model predicts: a class (classification) or one or more numbers (regression). */
export type TaskKind = 'classification' | 'regression';
/** The losses gradlab trains with (the names of nn/losses, repeated here so data/ stays below nn/). */
type Loss = 'binaryCrossEntropy' | 'softmaxCrossEntropy' | 'meanSquaredError';

/**
 * Integer targets with more distinct values than this (or than a tenth of the rows) look like a
 * quantity, not classes: the diabetes target (25…346, 214 distinct values in 442 rows) is one.
 */
export const MAX_INFERRED_CLASSES = 50;

export interface TaskOptions {
  task?: TaskKind;
  loss?: Loss;
}

function isRegressionLoss(loss: Loss | undefined): boolean {
  return loss === 'meanSquaredError';
}

/** Where a label column's first non-integer / non-number cell is, for messages. */
function firstCell(table: Table, col: number, test: (cell: string) => boolean): number {
  return table.rows.findIndex((row) => test(row[col]));
}

const isNumber = (cell: string) => Number.isFinite(parseDecimal(cell));

/**
 * The task the label columns ask for: `--task` if given; else a regression loss or non-integer
 * numbers mean regression; integers mean classification unless they have more than
 * MAX_INFERRED_CLASSES distinct values or more than a tenth of the rows (then we ask); text means
 * classification. A loss that does not fit the labels is an ArgumentError naming the one that does.
 */
export function inferTask(table: Table, labels: readonly string[], options: TaskOptions = {}): TaskKind {
  if (labels.length === 0) throw new ArgumentError('no label column given');
  const cols = labels.map((l) => columnIndex(table, l, 'label column'));
  const where = (c: number, r: number) => `${table.source} line ${table.lines[r]}, column '${labels[c]}'`;
  if (labels.length > 1) {
    if (options.task === 'classification' || (options.loss && !isRegressionLoss(options.loss)))
      throw new ArgumentError(
        `${labels.length} label columns (${labels.join(', ')}) mean multi-target regression: ` +
          'use --loss meanSquaredError',
      );
    return 'regression';
  }
  const col = cols[0];
  const label = labels[0];
  const numeric = firstCell(table, col, (c) => !isNumber(c)) === -1;
  const nonInteger = numeric ? firstCell(table, col, (c) => !Number.isInteger(parseDecimal(c))) : -1;
  if (options.task === 'regression' || isRegressionLoss(options.loss)) {
    if (options.loss && !isRegressionLoss(options.loss))
      throw new ArgumentError(`${options.loss} does not fit a regression task: use meanSquaredError`);
    const bad = firstCell(table, col, (c) => !isNumber(c));
    if (bad >= 0)
      throw new DataError(
        `${where(0, bad)}: ${notANumber(table.rows[bad][col])}, ` +
          `so '${label}' cannot be a regression target (use --task classification)`,
      );
    return 'regression';
  }
  if (nonInteger >= 0) {
    const value = table.rows[nonInteger][col];
    if (options.task === 'classification' || options.loss)
      throw new ArgumentError(
        `${options.loss ?? 'a classifier'} needs class labels, ` +
          `but '${label}' holds non-integer numbers (${value} on line ${table.lines[nonInteger]}): ` +
          'use meanSquaredError (--task regression)',
      );
    return 'regression';
  }
  if (numeric && options.task !== 'classification' && !options.loss) {
    const distinct = new Set(table.rows.map((r) => Number(r[col]))).size;
    const m = table.rows.length;
    if (distinct > MAX_INFERRED_CLASSES || distinct > m / 10)
      throw new ArgumentError(
        `'${label}' holds ${distinct} distinct integers in ${m} rows: classes or a quantity? ` +
          'Say --task classification or --task regression',
      );
  }
  return 'classification';
}

/** Class names in a stable order: numbers ascending, text sorted; the positive class goes last. */
export function classOrder(cells: readonly string[], positive?: string): Array<string | number> {
  const distinct = [...new Set(cells)];
  const numeric = distinct.every(isNumber);
  const classes: Array<string | number> = numeric
    ? distinct.map(Number).sort((a, b) => a - b)
    : distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (positive === undefined) return classes;
  const at = classes.findIndex((c) => String(c) === positive);
  if (at === -1) throw new ArgumentError(`--positive ${positive} is not a class (classes: ${classes.join(', ')})`);
  if (classes.length !== 2) throw new ArgumentError(`--positive needs 2 classes, the label has ${classes.length}`);
  return at === 1 ? classes : [classes[1], classes[0]];
}

/**
 * A class with at most this many rows is suspect when another class has RARE_CLASS_RATIO times as many:
 * a lone `10` among the digits 0…9, or one `Yes` among `yes`/`no`, is more often a typo or a stray row
 * than a class. 2 is where a stratified validation split at the default 0.2 holds back none of the class
 * (round(2 × 0.2) = 0), so such a class would never be validated either.
 */
export const RARE_CLASS_MAX_ROWS = 2;
const RARE_CLASS_RATIO = 10;

/** A class so much rarer than the others that it looks like a typo or a stray row (see rareClasses). */
export interface RareClass {
  value: string;
  count: number;
  /** The file lines (1-based, the header is line 1) of its rows. */
  lines: number[];
  /** Another class it equals but for case or spaces, if any (`Yes` and `yes`). */
  like: string | null;
  /** One sentence for the user naming all of the above. */
  message: string;
}

/**
 * The classes of a label column with at most RARE_CLASS_MAX_ROWS rows while another class has at least
 * RARE_CLASS_RATIO times as many. They still become classes (a real rare class is possible); this is
 * what a caller warns about, naming the value, its count and its lines.
 */
export function rareClasses(table: Table, label: string): RareClass[] {
  const col = columnIndex(table, label, 'label column');
  // Numbers are one class however written ('1' and '1.0'), as in classOrder.
  const numeric = table.rows.every((row) => isNumber(row[col]));
  const rowsOf = new Map<string, number[]>();
  table.rows.forEach((row, r) => {
    const key = numeric ? String(parseDecimal(row[col])) : row[col];
    const list = rowsOf.get(key);
    if (list) list.push(r);
    else rowsOf.set(key, [r]);
  });
  const largest = Math.max(...[...rowsOf.values()].map((rows) => rows.length));
  const fold = (value: string) => value.trim().toLowerCase();
  return [...rowsOf.entries()]
    .filter(([, rows]) => rows.length <= RARE_CLASS_MAX_ROWS && largest >= RARE_CLASS_RATIO * rows.length)
    .map(([value, rows]) => {
      const like = [...rowsOf.keys()].find((other) => other !== value && fold(other) === fold(value)) ?? null;
      const lines = rows.map((r) => table.lines[r]);
      const where = `${rows.length === 1 ? 'row' : 'rows'} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`;
      const message =
        `${table.source}: label ${quoteCell(value)} is on ${rows.length} ${where} of the ${table.rows.length}, ` +
        `while another class has ${largest}` +
        (like === null ? '' : `; it differs from ${quoteCell(like)} only in case or spaces`) +
        `: it becomes a class of its own (${rowsOf.size} classes). A typo or a stray row? ` +
        'Fix or drop it; a real class needs more examples';
      return { value, count: rows.length, lines, like, message };
    });
}

/** The loss that fits a task: MSE for regression, BCE for 2 classes, softmax CE for more. */
export function lossForTask(task: TaskKind, classCount: number): Loss {
  if (task === 'regression') return 'meanSquaredError';
  return classCount === 2 ? 'binaryCrossEntropy' : 'softmaxCrossEntropy';
}

/** A one-line ArgumentError when a loss cannot train on these labels, naming the loss that can. */
export function checkLossFits(
  loss: Loss,
  task: TaskKind,
  classes: ReadonlyArray<string | number> | null,
  label = 'the label',
): void {
  if (task === 'regression') {
    if (loss !== 'meanSquaredError')
      throw new ArgumentError(`${loss} does not fit a regression target: use meanSquaredError`);
    return;
  }
  const k = classes?.length ?? 0;
  if (k < 2)
    throw new DataError(
      `${label} has a single class (${classes?.[0]}): there is nothing to classify (need at least 2 classes)`,
    );
  if (loss === 'meanSquaredError')
    throw new ArgumentError(`meanSquaredError does not fit class labels: use ${lossForTask(task, k)}`);
  if (loss === 'binaryCrossEntropy' && k !== 2)
    throw new ArgumentError(`binaryCrossEntropy needs 2 classes, ${label} has ${k}: use softmaxCrossEntropy`);
}
