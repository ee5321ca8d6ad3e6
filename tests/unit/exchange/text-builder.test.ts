import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeUnits, TextBuilder } from '../../../shared/exchange/text-builder';

describe('TextBuilder', () => {
  it('property: appended pieces, slices, units and code units read back as their concatenation', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => ({ kind: 'text' as const, s })),
      fc.constantFrom('\ufeff', '𠮷', '“四个意识”', '\tB-PERSON\n').map((s) => ({ kind: 'units' as const, s })),
      fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(40), fc.nat(40)).map(([s, a, b]) => ({ kind: 'slice' as const, s, a, b })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), fc.array(piece, { maxLength: 300 }), (before, pieces) => {
        const builder = new TextBuilder();
        // The CoNLL exporter reuses one builder for every document: what was taken or cleared must
        // not linger.
        for (const p of before) if (p.kind === 'text') builder.append(p.s);
        builder.take();
        for (const p of before) if (p.kind === 'text') builder.append(p.s);
        builder.clear();
        let expected = '';
        for (const p of pieces) {
          if (p.kind === 'text') builder.append(p.s);
          else if (p.kind === 'units') builder.appendUnits(codeUnits(p.s));
          else {
            const from = Math.min(p.a, p.b, p.s.length);
            const to = Math.min(Math.max(p.a, p.b), p.s.length);
            if (to - from === 1) builder.unit(p.s.charCodeAt(from));
            else builder.append(p.s, from, to);
            expect(from <= to).toBe(true);
            expected += p.s.slice(from, to);
            continue;
          }
          expected += p.s;
        }
        // Slices may cut a surrogate pair in half; such a lone half reads back as U+FFFD, exactly as
        // it is written to a UTF-8 file.
        expect(builder.take()).toBe(Buffer.from(expected, 'utf8').toString('utf8'));
      }),
    );
  });

  it('keeps a leading byte-order mark and grows past its first block', () => {
    const builder = new TextBuilder();
    const long = '区'.repeat(10_000);
    builder.append('\ufeff');
    builder.append(long);
    expect(builder.take()).toBe(`\ufeff${long}`);
    expect(builder.take()).toBe('');
  });
});
