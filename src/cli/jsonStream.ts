/** `text` (a JSON value laid out at depth 0) moved `depth` levels in, as JSON.stringify(…, null, 2) nests it. */
function nest(text: string, depth: number): string {
  return text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

/**
 * One JSON object written in pieces, for a document too large to hold (`predict --json` on a large
 * file): fields, then one array whose items arrive one at a time, then the fields known only at the
 * end. The text is exactly what JSON.stringify(object, null, 2) prints for the same object with its
 * keys in that order (undefined fields left out, undefined items as null), so a consumer that parses
 * it sees the same document as from the whole-object path.
 */
export class JsonObjectWriter {
  private keys = 0;
  /** Items written in the open array; null while none is open. */
  private items: number | null = null;

  constructor(private readonly write: (text: string) => void) {
    write('{');
  }

  private key(name: string): void {
    this.write(`${this.keys++ ? ',' : ''}\n  ${JSON.stringify(name)}: `);
  }

  /** Each defined field of `values`, in its own key order. */
  fields(values: object): void {
    for (const [name, value] of Object.entries(values)) {
      const text = JSON.stringify(value, null, 2) as string | undefined;
      if (text === undefined) continue;
      this.key(name);
      this.write(nest(text, 1));
    }
  }

  /** Opens the array `name`; items follow through item(), until closeArray(). */
  openArray(name: string): void {
    this.key(name);
    this.write('[');
    this.items = 0;
  }

  item(value: unknown): void {
    const text = (JSON.stringify(value, null, 2) as string | undefined) ?? 'null';
    this.write(`${this.items! ? ',' : ''}\n    ${nest(text, 2)}`);
    this.items!++;
  }

  closeArray(): void {
    this.write(this.items ? '\n  ]' : ']');
    this.items = null;
  }

  /** Closes the object (and its line). */
  end(): void {
    this.write(this.keys ? '\n}\n' : '}\n');
  }
}
