import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../io/atomicWrite.js';

/** Writes a header and rows as CSV, atomically (a failed run leaves no partial file). */
export function writeCsv(path: string, header: string[], rows: Array<Array<string | number>>): void {
  writeFileAtomic(path, stringify([header, ...rows]));
}
