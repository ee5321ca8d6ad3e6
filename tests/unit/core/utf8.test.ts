// The export reader's own UTF-8 decoder gives exactly TextDecoder's text for every input: well-formed
// text of every plane, a BOM, and malformed bytes (overlongs, surrogates, cut-off sequences).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUtf8 } from 'node:buffer';
import { decodeValidUtf8, decodeWellFormed, utf8ToUnits } from '../../../shared/text/utf8';
import { unitsToString } from '../../../electron/services/export/packed-texts';

const standard = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

function decodeAt(bytes: Uint8Array, at: number): string {
  const out = new Uint16Array(at + bytes.length + 3).fill(0x2a);
  const end = utf8ToUnits(bytes, out, at);
  expect(out[at - 1] ?? 0x2a).toBe(0x2a); // nothing written before `at`
  return unitsToString(out, at, end);
}

const textArb = fc.string({
  unit: fc.oneof(fc.constantFrom('北', '京', '\ufeff', '\n', '"', 'a', '𠮷', '😀', '\u0085', 'é'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 60,
});

describe('utf8ToUnits', () => {
  it('property: well-formed text decodes to itself, wherever in the array it is written', () => {
    fc.assert(
      fc.property(textArb, fc.nat(5), (text, at) => {
        expect(decodeAt(encoder.encode(text), at)).toBe(standard.decode(encoder.encode(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('property: any bytes, and well-formed text with bytes changed, decode as TextDecoder decodes them', () => {
    const corrupted = fc
      .tuple(textArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(3))
      .map(([text, edits, cut]) => {
        const bytes = encoder.encode(text);
        for (const [at, value] of edits) if (bytes.length) bytes[at % bytes.length] = value;
        return bytes.subarray(0, Math.max(0, bytes.length - cut));
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), corrupted), fc.nat(3), (bytes, at) => {
        expect(decodeAt(bytes, at)).toBe(standard.decode(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it("property: Node's isUtf8 accepts exactly the bytes decodeWellFormed decodes, and decodeValidUtf8 then gives the same units and JSON escapes", () => {
    const wellFormedOrNot = fc.oneof(
      textArb.map((text) => encoder.encode(text)),
      fc.uint8Array({ maxLength: 40 }),
      fc.constantFrom(Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0xf4, 0x90, 0x80, 0x80), Uint8Array.of(0xe0, 0x9f, 0xbf), Uint8Array.of(0xc1, 0xbf)),
    );
    fc.assert(
      fc.property(wellFormedOrNot, fc.nat(3), (bytes, at) => {
        const checked = new Uint16Array(at + bytes.length);
        const checkedEscapes: number[] = [];
        const end = decodeWellFormed(bytes, checked, at, checkedEscapes);
        expect(isUtf8(bytes)).toBe(end >= 0);
        if (end < 0) return;
        const fast = new Uint16Array(at + bytes.length);
        const fastEscapes: number[] = [];
        expect(decodeValidUtf8(bytes, fast, at, fastEscapes)).toBe(end);
        expect(fast).toEqual(checked);
        expect(fastEscapes).toEqual(checkedEscapes);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses to write past the end of the array', () => {
    expect(() => utf8ToUnits(encoder.encode('北京'), new Uint16Array(5), 0)).toThrow('needs room for 6 units, has 5');
  });

  it('keeps the sequences at the edges of the rules', () => {
    const cases: [number[], string][] = [
      [[0xc2, 0x80], '\u0080'],
      [[0xdf, 0xbf], '\u07ff'],
      [[0xe0, 0xa0, 0x80], '\u0800'],
      [[0xed, 0x9f, 0xbf], '\ud7ff'],
      [[0xee, 0x80, 0x80], '\ue000'],
      [[0xef, 0xbb, 0xbf], '\ufeff'],
      [[0xf0, 0x90, 0x80, 0x80], '\u{10000}'],
      [[0xf4, 0x8f, 0xbf, 0xbf], '\u{10ffff}'],
      [[0xc0, 0x80], '\ufffd\ufffd'],
      [[0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'],
      [[0xf4, 0x90, 0x80, 0x80], '\ufffd\ufffd\ufffd\ufffd'],
      [[0xe4, 0xba], '\ufffd'],
    ];
    for (const [bytes, text] of cases) expect(decodeAt(Uint8Array.from(bytes), 1)).toBe(text);
  });
});

describe('unitsToString', () => {
  it('property: gives back exactly the code units, lone surrogates included, from anywhere in an array', () => {
    const unit = fc.oneof(
      fc.constantFrom('北', '𠮷', '\n', 'a'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.nat(7), fc.nat(3), (text, at, shift) => {
        // Short and long strings take different paths; a view that starts `shift` units into its
        // buffer puts the units at an offset within it.
        const units = new Uint16Array(shift + at + text.length + 2).subarray(shift);
        for (let i = 0; i < text.length; i++) units[at + i] = text.charCodeAt(i);
        expect(unitsToString(units, at, at + text.length)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
