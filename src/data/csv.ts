import { DataError } from '../errors.js';
import { notANumber, parseDecimal, quoteCell } from './decimal.js';
import { Tensor, type DType } from '../tensor/index.js';
import type { Dataset } from './dataset.js';
import { assertDistinctColumns } from './columns.js';
import { checkHeader, columnIndex, datasetName, readRecords, type RecordParser, type Table } from './table.js';

/** How to read a CSV: which column is the label, the dtype, and the file name used in error messages. */
export interface CsvOptions {
  /** Label column (default 'label'); null when the file has no label column. */
  label?: string | null;
  /** Feature columns to use, in this order (default: every column but the label). */
  features?: string[];
  dtype?: DType;
  /** 'class' (classification), 'value' (regression) or 'auto': integers or strings are classes. */
  labelKind?: 'auto' | 'class' | 'value';
  /** A class list to map labels with (e.g. a model's), instead of the one found in the file. */
  classes?: ReadonlyArray<string | number> | null;
  /** Name shown in messages (default: the path). */
  source?: string;
  /** A missing label column is not an error (prediction inputs). */
  labelOptional?: boolean;
  /** The CSV parser (default: csv-parse's browser build; Node's file readers pass its Node build). */
  parser?: RecordParser;
}

/** Where the features and the label are in a CSV's header. */
export interface CsvLayout {
  header: string[];
  featureIdx: number[];
  labelIdx: number;
}

export function layoutOf(header: string[], options: CsvOptions, source: string): CsvLayout {
  checkHeader(header, source);
  const label = options.label === undefined ? 'label' : options.label;
  const labelIdx = label === null ? -1 : header.indexOf(label);
  if (label !== null && labelIdx === -1 && !options.labelOptional)
    throw new DataError(`${source} line 1: no label column '${label}' (columns: ${header.join(', ')})`);
  let featureIdx: number[];
  if (options.features) {
    assertDistinctColumns(options.features, `${source}: features`);
    featureIdx = options.features.map((f) => columnIndex({ header, source }, f, 'feature column'));
  } else featureIdx = header.map((_, i) => i).filter((i) => i !== labelIdx);
  if (featureIdx.length === 0) throw new DataError(`${source} line 1: no feature columns`);
  return { header, featureIdx, labelIdx };
}

/** Checks one record's shape and parses its features into `out` at `offset`. */
export function parseRecord(
  record: string[],
  line: number,
  layout: CsvLayout,
  source: string,
  out: Float64Array | Float32Array,
  offset: number,
): void {
  if (record.length !== layout.header.length) {
    throw new DataError(`${source} line ${line}: ${record.length} fields, the header has ${layout.header.length}`);
  }
  layout.featureIdx.forEach((col, j) => {
    const cell = record[col].trim();
    const value = parseDecimal(cell);
    if (!Number.isFinite(value)) {
      const what = cell === '' ? 'is empty' : notANumber(cell);
      throw new DataError(`${source} line ${line}, column ${col + 1} (${layout.header[col]}): ${what}`);
    }
    out[offset + j] = value;
  });
}

function sortClasses(values: Array<string | number>): Array<string | number> {
  const numeric = values.every((v) => typeof v === 'number');
  return [...values].sort((a, b) => (numeric ? (a as number) - (b as number) : String(a).localeCompare(String(b))));
}

/** Reads a CSV with a header row into a Dataset; a malformed file is a DataError naming line and column. */
export function parseCsv(text: string, options: CsvOptions = {}): Dataset {
  const source = options.source ?? 'CSV';
  const [head, ...body] = readRecords(text, source, options.parser);
  return datasetFromRecords(
    head.record.map((h) => h.trim()),
    body.map(({ record, info }) => ({ record, line: info.lines })),
    { ...options, source },
  );
}

/**
 * A Dataset from a table already read (its header, rows and lines), by the same rules and with the same
 * messages as parseCsv: a command that has read a file's table to decide its task need not parse it twice.
 */
export function datasetFromTable(table: Table, options: CsvOptions = {}): Dataset {
  return datasetFromRecords(
    table.header,
    table.rows.map((record, r) => ({ record, line: table.lines[r] })),
    { ...options, source: options.source ?? table.source },
  );
}

function datasetFromRecords(
  header: string[],
  body: ReadonlyArray<{ record: string[]; line: number }>,
  options: CsvOptions & { source: string },
): Dataset {
  const { source } = options;
  const layout = layoutOf(header, options, source);
  if (body.length === 0) throw new DataError(`${source}: a header but no data rows`);
  const n = layout.featureIdx.length;
  const x = Tensor.empty(options.dtype ?? 'float64', [body.length, n]);
  body.forEach(({ record, line }, r) => parseRecord(record, line, layout, source, x.data, r * n));
  const featureNames = layout.featureIdx.map((i) => layout.header[i]);
  const name = datasetName(source);
  if (layout.labelIdx < 0) return { name, x, y: Tensor.empty(x.dtype, [body.length, 0]), featureNames, classes: null };
  return { name, x, featureNames, ...labelsOf(body, layout.header, layout.labelIdx, options) };
}

/**
 * A table's label column alone, read as datasetFromTable reads it (classes or values, by `labelKind`;
 * the same messages): for a caller that encodes the features itself (text columns one-hot).
 */
export function labelsFromTable(
  table: Table,
  options: Pick<CsvOptions, 'labelKind' | 'classes' | 'dtype'> & { label: string },
): Pick<Dataset, 'y' | 'classes'> {
  const labelIdx = columnIndex(table, options.label, 'label column');
  if (table.rows.length === 0) throw new DataError(`${table.source}: a header but no data rows`);
  const body = table.rows.map((record, r) => ({ record, line: table.lines[r] }));
  return labelsOf(body, table.header, labelIdx, { ...options, source: table.source });
}

/** The label cells of the records as classes or values (CsvOptions.labelKind). */
function labelsOf(
  body: ReadonlyArray<{ record: string[]; line: number }>,
  header: readonly string[],
  labelIdx: number,
  options: CsvOptions & { source: string },
): Pick<Dataset, 'y' | 'classes'> {
  const { source } = options;
  const dtype = options.dtype ?? 'float64';
  const labelCol = `column ${labelIdx + 1} (${header[labelIdx]})`;
  const rawLabels = body.map(({ record, line }) => {
    const cell = record[labelIdx].trim();
    if (cell === '') throw new DataError(`${source} line ${line}, ${labelCol}: the label is empty`);
    return cell;
  });
  const numbers = rawLabels.map(Number);
  const allNumeric = numbers.every(Number.isFinite);
  const kind = options.labelKind ?? 'auto';
  const lineOf = (r: number) => body[r].line;
  if (kind === 'value' || (kind === 'auto' && allNumeric && !numbers.every(Number.isInteger))) {
    const bad = numbers.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new DataError(`${source} line ${lineOf(bad)}, ${labelCol}: ${notANumber(rawLabels[bad])}`);
    const y = Tensor.empty(dtype, [body.length, 1]);
    y.data.set(numbers);
    return { y, classes: null };
  }
  const values: Array<string | number> = allNumeric ? numbers : rawLabels;
  const classes = options.classes ? [...options.classes] : sortClasses([...new Set(values)]);
  const index = new Map(classes.map((c, i) => [String(c), i]));
  const y = Tensor.empty(dtype, [body.length]);
  values.forEach((v, r) => {
    const i = index.get(String(v));
    if (i === undefined)
      throw new DataError(
        `${source} line ${lineOf(r)}, ${labelCol}: label ${quoteCell(String(v))} ` +
          `is not one of the classes ${classes.join(', ')}`,
      );
    y.data[r] = i;
  });
  return { y, classes };
}
