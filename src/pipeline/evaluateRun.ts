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
