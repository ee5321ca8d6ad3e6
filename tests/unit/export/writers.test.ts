// The two ExportWriters — the export job's byte writer and exportToStrings' string writer — must
// write the same text for any calls a format makes, or an export would differ from its preview.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../electron/services/export/byte-writer';
import { StringWriter } from '../../../shared/exchange/string-writer';
import { utf8Text } from '../../../shared/exchange/text-builder';
import type { ExportWriter } from '../../../shared/exchange/writer';

/** Characters that catch encoders out: escapes of JSON and CSV, every UTF-8 length, both halves of a pair alone. */
const tricky = fc.constantFrom(
  '"',
  ',',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  'é',
  '区',
  '\u2028',
  '\uffff',
  '𠮷',
  '\ud800',
  '\udc00',
  'a',
  'O',
);
const text = fc.string({ unit: fc.oneof(tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 70 });
/** Well-formed text, as stored UTF-8 always is. */
const storedText = fc.string({
  unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '区', '𠮷'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
  maxLength: 70,
});

type Call = (w: ExportWriter) => void;
const range = (s: string, a: number, b: number): [number, number] => [Math.min(a, b, s.length), Math.min(Math.max(a, b), s.length)];
const call: fc.Arbitrary<Call> = fc.oneof(
  fc.tuple(text, fc.nat(70), fc.nat(70)).map(
    ([s, a, b]): Call =>
      (w) =>
        w.text(s, ...range(s, a, b)),
  ),
  text.map(
    (s): Call =>
      (w) =>
        w.text(s),
  ),
  fc.oneof(fc.nat(), fc.constantFrom(0, 2 ** 31 - 1, 2 ** 31, -1, -0, 0.5, 1e21, NaN)).map(
    (n): Call =>
      (w) =>
        w.number(n),
  ),
  fc.tuple(text, fc.nat(70), fc.nat(70)).map(
    ([s, a, b]): Call =>
      (w) =>
        w.jsonString(s, ...range(s, a, b)),
  ),
  text.map(
    (s): Call =>
      (w) =>
        w.jsonString(s),
  ),
  fc.tuple(storedText, fc.boolean()).map(
    ([s, stored]): Call =>
      (w) =>
        w.jsonText(s, stored ? utf8Text(s) : undefined),
  ),
  text.map(
    (s): Call =>
      (w) =>
        w.jsonText(s, undefined),
  ),
  fc.tuple(text, fc.nat(70), fc.nat(70)).map(
    ([s, a, b]): Call =>
      (w) =>
        w.csvField(s, ...range(s, a, b)),
  ),
  fc.tuple(text, fc.nat(70), fc.nat(70), fc.constantFrom('\tO\n', '\tB-PERSON\n', '\tI-人物\n', '', 'x')).map(
    ([s, a, b, after]): Call =>
      (w) =>
        w.eachCharThen(s, ...range(s, a, b), after),
  ),
);

/** The text a writer wrote; bytes decoded as UTF-8 (the byte writer writes only well-formed UTF-8). */
const written = (out: string | Uint8Array) => (typeof out === 'string' ? out : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(out));

describe('ExportWriter', () => {
  it('property: the byte writer and the string writer write the same text for the same calls', () => {
    const bytes = new ByteWriter();
    const strings = new StringWriter();
    fc.assert(
      fc.property(fc.array(call, { maxLength: 40 }), fc.array(call, { maxLength: 40 }), (forgotten, calls) => {
        // One writer serves a whole export: what was cleared must not come back.
        for (const c of forgotten) (c(bytes), c(strings));
        bytes.clear();
        strings.clear();
        for (const c of calls) (c(bytes), c(strings));
        // Compared as strings: a lone surrogate left in the string writer's text would differ from U+FFFD.
        expect(written(bytes.take())).toBe(written(strings.take()));
      }),
      { numRuns: 1000 },
    );
  });

  it('eachCharThen writes a pair as one character and a lone half as U+FFFD, each with its tag', () => {
    for (const writer of [new ByteWriter(), new StringWriter()]) {
      writer.eachCharThen('区𠮷\ud800a', 0, 5, '|');
      expect(written(writer.take())).toBe('区|𠮷|\ufffd|a|');
    }
  });
});
