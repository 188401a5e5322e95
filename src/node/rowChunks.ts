import { type CsvLayout, type CsvOptions, layoutOf, parseRecord } from '../data/csv.js';

/**
 * Gathers parsed feature rows into chunks of `chunkSize` rows for a streaming reader (CSV or
 * Parquet). The chunk boundaries depend only on the row count, never on how the file was split (CSV
 * reads, Parquet row groups), so partialFit sees the same chunks and fits the same bits either way.
 */
export class RowChunks {
  private layout: CsvLayout | null = null;
  private chunk: number[][] = [];
  rows = 0;

  constructor(
    private readonly options: CsvOptions & { chunkSize?: number },
    private readonly source: string,
    private readonly onChunk: (rows: number[][], featureNames: string[]) => void,
  ) {}

  get started(): boolean {
    return this.layout !== null;
  }

  /** The header row: which columns are features and which is the label (the same checks as a CSV's). */
  header(names: string[]): void {
    this.layout = layoutOf(names, this.options, this.source);
  }

  /** One record of text cells, checked and parsed as a CSV row on line `line`. */
  add(record: string[], line: number): void {
    const layout = this.layout!;
    const row = new Float64Array(layout.featureIdx.length);
    parseRecord(record, line, layout, this.source, row, 0);
    this.chunk.push(Array.from(row));
    this.rows++;
    if (this.chunk.length === (this.options.chunkSize ?? 1000)) this.flush();
  }

  /** Hands over the last, partial chunk. */
  flush(): void {
    if (!this.layout || this.chunk.length === 0) return;
    this.onChunk(
      this.chunk,
      this.layout.featureIdx.map((i) => this.layout!.header[i]),
    );
    this.chunk = [];
  }
}
