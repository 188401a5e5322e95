import type { UnknownPolicy } from '../data/encoding.js';
import { columnIndex, type Table } from '../data/table.js';
import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor/index.js';
import { describeFit, type FitReport } from './fitReport.js';
import { inputsFromTable, targetsFromTable } from './tableData.js';
import { modelOutputs, type TrainedModel } from './trainedModel.js';

/** How the file's columns were matched to the model's (for --json and for notes). */
export interface ColumnReport {
  reordered: boolean;
  extra: string[];
  byPosition: boolean;
  dropped: number;
  notes: string[];
}

/** A trained model's metrics on a table, with how its columns were matched (`gradlab eval`). */
export interface EvaluationResult extends FitReport {
  task: TrainedModel['task'];
  loss: string;
  labels: string[];
  columns: ColumnReport;
}

/** A model with its label column(s) renamed for a file that calls them otherwise (`--label`). */
export function withLabels(trained: TrainedModel, labels: string[] | undefined): TrainedModel {
  if (!labels) return trained;
  if (labels.length !== trained.labels.length)
    throw new ArgumentError(
      `--label names ${labels.length} column(s), the model has ${trained.labels.length} (${trained.labels.join(', ')})`,
    );
  return { ...trained, labels };
}

/** Metrics of a trained model on a table: columns by name, labels from the model (see withLabels). */
export function evaluateTable(
  trained: TrainedModel,
  table: Table,
  options: { unknown?: UnknownPolicy } = {},
): EvaluationResult {
  const inputs = inputsFromTable(trained, table, { requireLabels: true, unknown: options.unknown });
  const truth = targetsFromTable(trained, inputs.table);
  const m = inputs.x.shape[0];
  const y = new Tensor(truth, trained.task === 'regression' ? [m, trained.labels.length] : [m]);
  const { reordered, extra, byPosition, notes } = inputs.columns;
  return {
    task: trained.task,
    loss: trained.loss,
    labels: trained.labels,
    columns: { reordered, extra, byPosition, dropped: inputs.dropped, notes },
    ...describeFit(trained, inputs.x, y),
  };
}

/** Predictions as a table: the header and one row per input row (`gradlab predict`). */
export interface PredictionTable {
  /** Output column names: the id column (if any), then prob_<class>… and predicted, or pred_<target>…. */
  header: string[];
  rows: Array<Array<string | number>>;
  columns: ColumnReport;
}

/** `name`, or `name_2`, `name_3` … until it differs from every taken name (input columns included). */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Predictions for every row of a table (columns by name; a label column, if present, is never read):
 * one probability per class and the predicted class, or one value per target. Names that collide
 * with an input column get a suffix, so the output joins back to the input (with `id`) unambiguously.
 */
export function predictTable(
  trained: TrainedModel,
  table: Table,
  options: { id?: string; unknown?: UnknownPolicy } = {},
): PredictionTable {
  const idCol = options.id === undefined ? -1 : columnIndex(table, options.id, 'id column');
  const inputs = inputsFromTable(trained, table, { exclude: options.id ? [options.id] : [], unknown: options.unknown });
  const { values, width } = modelOutputs(trained, inputs.x);
  const taken = new Set(table.header);
  const header: string[] = options.id ? [options.id] : [];
  if (trained.task === 'classification') {
    header.push(...trained.classes!.map((c) => uniqueName(`prob_${c}`, taken)), uniqueName('predicted', taken));
  } else header.push(...trained.labels.map((l) => uniqueName(`pred_${l}`, taken)));
  const rows = inputs.table.rows.map((cells, i) => {
    const row: Array<string | number> = idCol >= 0 ? [cells[idCol]] : [];
    const out = Array.from(values.subarray(i * width, (i + 1) * width));
    row.push(...out);
    if (trained.task === 'classification') row.push(trained.classes![out.indexOf(Math.max(...out))]);
    return row;
  });
  const { reordered, extra, byPosition, notes } = inputs.columns;
  return { header, rows, columns: { reordered, extra, byPosition, dropped: inputs.dropped, notes } };
}

/** The note inputsFromTable adds for rows `--missing drop` removed (restated once for a whole stream). */
const DROPPED_NOTE = /^dropped \d+ rows? with empty cells$/;

/**
 * Predictions for a table that arrives in chunks of rows (`gradlab predict` on a file): each chunk
 * goes through predictTable (columns matched by name, encoded as in training), so the rows equal
 * those of the whole table; only the column report is gathered across chunks.
 */
export class PredictionStream {
  private first: ColumnReport | null = null;
  private droppedRows = 0;
  rows = 0;

  constructor(
    private readonly trained: TrainedModel,
    private readonly options: { id?: string; unknown?: UnknownPolicy } = {},
  ) {}

  /** Predictions for the next chunk (the same header each time). */
  add(chunk: Table): PredictionTable {
    const predictions = predictTable(this.trained, chunk, this.options);
    this.first ??= predictions.columns;
    this.droppedRows += predictions.columns.dropped;
    this.rows += predictions.rows.length;
    return predictions;
  }

  /** How the columns were matched, with the rows dropped over the whole stream. */
  get columns(): ColumnReport {
    if (!this.first) throw new ArgumentError('PredictionStream: no chunk was added');
    const notes = this.first.notes.filter((note) => !DROPPED_NOTE.test(note));
    const dropped = this.droppedRows;
    if (dropped) notes.push(`dropped ${dropped} row${dropped > 1 ? 's' : ''} with empty cells`);
    return { ...this.first, dropped, notes };
  }
}
