import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonObjectWriter } from '../../src/cli/jsonStream.js';

/** The text a JsonObjectWriter produces for fields `before`, array `name` of `items`, fields `after`. */
function streamed(before: object, name: string, items: unknown[], after: object): string {
  let text = '';
  const writer = new JsonObjectWriter((piece) => {
    text += piece;
  });
  writer.fields(before);
  writer.openArray(name);
  for (const item of items) writer.item(item);
  writer.closeArray();
  writer.fields(after);
  writer.end();
  return text;
}

describe('JsonObjectWriter', () => {
  it('writes the text JSON.stringify(…, null, 2) prints for the same object, whatever the values', () => {
    const value = fc.jsonValue();
    // JS objects list integer-like keys first, so the reference could not keep the writing order.
    const key = fc.string().filter((k) => !/^(0|[1-9]\d*)$/.test(k));
    const fields = fc.dictionary(key, value);
    fc.assert(
      fc.property(fields, key, fc.array(value, { maxLength: 6 }), fields, (before, name, items, after) => {
        // Keys already set keep their first position in an object literal: build it in writing order.
        // defineProperty, so that a key named __proto__ is a field (as fast-check makes it), not the prototype.
        const whole = {};
        const set = (k: string, v: unknown) =>
          Object.defineProperty(whole, k, { value: v, enumerable: true, writable: true, configurable: true });
        for (const [k, v] of Object.entries(before)) set(k, v);
        set(name, items);
        for (const [k, v] of Object.entries(after)) set(k, v);
        fc.pre(!(name in before) && !Object.keys(after).some((k) => k in before || k === name));
        expect(streamed(before, name, items, after)).toBe(`${JSON.stringify(whole, null, 2)}\n`);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves out undefined fields and writes undefined items as null, as JSON.stringify does', () => {
    const text = streamed({ a: undefined, b: [undefined, 1], c: {} }, 'rows', [undefined, { x: undefined }, []], {
      d: null,
    });
    expect(text).toBe(
      `${JSON.stringify({ a: undefined, b: [undefined, 1], c: {}, rows: [undefined, { x: undefined }, []], d: null }, null, 2)}\n`,
    );
    expect(streamed({}, 'empty', [], {})).toBe(`${JSON.stringify({ empty: [] }, null, 2)}\n`);
    expect(JSON.parse(streamed({ s: 'a\nb "q"' }, 'k', ['x\ny'], {}))).toEqual({ s: 'a\nb "q"', k: ['x\ny'] });
  });
});
