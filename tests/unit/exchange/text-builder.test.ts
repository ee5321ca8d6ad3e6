import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../shared/exchange/formats/mentions-csv';
import { utf8Bytes, Utf8Builder, utf8Text } from '../../../shared/exchange/text-builder';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('Utf8Builder', () => {
  it('property: appended pieces, slices, bytes, JSON strings and ASCII read back as the UTF-8 of their concatenation', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }).map((s) => ({ kind: 'text' as const, s })), // long ones take the native encoder
      fc.constantFrom('\ufeff', '𠮷', '“四个意识”', '\tB-PERSON\n').map((s) => ({ kind: 'bytes' as const, s })),
      fc
        .string({
          unit: fc.oneof(
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
            fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00'),
          ),
          maxLength: 40,
        })
        .map((s) => ({ kind: 'json' as const, s })),
      fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(40), fc.nat(40)).map(([s, a, b]) => ({ kind: 'slice' as const, s, a, b })),
      fc
        .tuple(
          fc.constantFrom('jsonSlice' as const, 'csvSlice' as const),
          fc.string({ unit: fc.constantFrom('"', ',', '\\', '\n', '\r', '\u0000', '\u001f', '\b', '区', '𠮷', '\ud800', 'a'), maxLength: 20 }),
          fc.nat(20),
          fc.nat(20),
        )
        .map(([kind, s, a, b]) => ({ kind, s, a, b })),
      fc
        .oneof(fc.nat(), fc.constantFrom(0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, -1, -0, 0.5, 1e21, NaN))
        .map((n) => ({ kind: 'number' as const, n })),
      // Texts given as their bytes (well-formed: no lone surrogates), and pieces long enough to be copied natively.
      fc
        .string({
          unit: fc.oneof(
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
            fc.constantFrom('"', '\\', '\n', '\r', '\u0000', '\u001f', '\b', '\u007f', '\u2028', '𠮷'),
          ),
          maxLength: 80,
        })
        .map((s) => ({ kind: 'jsonUtf8' as const, s })),
      fc.string({ unit: 'grapheme', minLength: 20, maxLength: 60 }).map((s) => ({ kind: 'bytes' as const, s })),
      fc.constant({ kind: 'repeat' as const }),
      // Runs of BMP characters (no surrogates), each with a tag: CoNLL's characters outside spans.
      fc
        .tuple(
          fc.string({ unit: fc.constantFrom('区', 'a', 'é', '\u0800', '\uffff', '\u07ff', '\u007f', '。'), maxLength: 30 }),
          fc.constantFrom('\tO\n', '\tB-PERSON\n', '', 'x'),
        )
        .map(([s, tag]) => ({ kind: 'eachBmp' as const, s, tag })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), fc.array(piece, { maxLength: 300 }), (before, pieces) => {
        const builder = new Utf8Builder();
        // The CoNLL exporter reuses one builder for every document: what was taken or cleared must
        // not linger.
        for (const p of before) if (p.kind === 'text') builder.append(p.s);
        builder.take();
        for (const p of before) if (p.kind === 'text') builder.append(p.s);
        builder.clear();
        const expected: Uint8Array[] = [];
        const marks: number[] = []; // where each piece begins, from builder.size
        for (const p of pieces) {
          marks.push(builder.size);
          if (p.kind === 'repeat') {
            // Appends the previous piece again.
            const i = marks.length - 1;
            if (i > 0) builder.repeat(marks[i - 1], marks[i]);
            expected.push(i > 0 ? expected[i - 1] : new Uint8Array(0));
            continue;
          }
          if (p.kind === 'eachBmp') {
            builder.eachBmpThen(p.s, 0, p.s.length, utf8Bytes(p.tag));
            expected.push(utf8([...p.s].map((c) => c + p.tag).join('')));
            continue;
          }
          if (p.kind === 'jsonUtf8') {
            builder.appendJsonUtf8(utf8Text(p.s));
            expected.push(utf8(JSON.stringify(p.s)));
            continue;
          }
          if (p.kind === 'number') {
            builder.number(p.n);
            expected.push(utf8(String(p.n)));
            continue;
          }
          if (p.kind === 'jsonSlice' || p.kind === 'csvSlice') {
            // Slices may hold half a surrogate pair: JSON escapes it, CSV writes U+FFFD.
            const from = Math.min(p.a, p.b, p.s.length);
            const to = Math.min(Math.max(p.a, p.b), p.s.length);
            if (p.kind === 'jsonSlice') builder.appendJsonString(p.s, from, to);
            else builder.appendCsvField(p.s, from, to);
            const slice = p.s.slice(from, to);
            expected.push(utf8(p.kind === 'jsonSlice' ? JSON.stringify(slice) : csvField(slice)));
            continue;
          }
          if (p.kind === 'text') builder.append(p.s);
          else if (p.kind === 'bytes') builder.appendBytes(utf8Bytes(p.s));
          else if (p.kind === 'json') {
            // Byte for byte what JSON.stringify writes, lone surrogates escaped as \udxxx.
            builder.appendJsonString(p.s);
            expected.push(utf8(JSON.stringify(p.s)));
            continue;
          } else {
            const from = Math.min(p.a, p.b, p.s.length);
            const to = Math.min(Math.max(p.a, p.b), p.s.length);
            const u = p.s.charCodeAt(from);
            if (to - from === 1 && u < 0x80) builder.ascii(u);
            else if (to - from === 1 && (u < 0xd800 || u > 0xdfff)) builder.bmpThen(u, new Uint8Array(0));
            else builder.append(p.s, from, to);
            // A slice may cut a surrogate pair in half: that half is written as U+FFFD, as Node's
            // own encoder writes it.
            expected.push(utf8(p.s.slice(from, to)));
            continue;
          }
          expected.push(utf8(p.s));
        }
        expect(Buffer.from(builder.take())).toEqual(Buffer.concat(expected));
      }),
    );
  });

  it('writes a character and its tag line in one call, short tags and long', () => {
    const builder = new Utf8Builder();
    for (const [char, tag] of [
      ['北', '\tO\n'],
      ['a', '\tB-PERSON\n'],
      ['é', '\tO\n'],
      ['京', ''],
    ])
      builder.bmpThen(char.charCodeAt(0), utf8Bytes(tag));
    expect(new TextDecoder().decode(builder.take())).toBe('北\tO\na\tB-PERSON\né\tO\n京');
  });

  it('keeps a leading byte-order mark and grows past its first block', () => {
    const builder = new Utf8Builder();
    const long = '区'.repeat(10_000);
    builder.append('\ufeff');
    builder.append(long);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(builder.take())).toBe(`\ufeff${long}`);
    expect(builder.take()).toEqual(new Uint8Array(0));
  });
});
