// The learned tagger (#22): learns a plain pattern, always decodes well-formed spans on UTF-16
// offsets that never split a surrogate pair, and survives serialization unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../../shared/suggest/tagger/model';
import {
  deserializeTagger,
  dictionaryHits,
  mentionDictionary,
  serializeTagger,
  tag,
  TaggerFormatError,
  trainTagger,
  withJackknifedHits,
  type TaggerExample,
} from '../../../shared/suggest/tagger/index';

/** Seeded texts: filler, a book title in 《》 (BOOK, the title only) and a year (DATE, digits + 年). */
function toyExamples(count: number, seed: number): TaggerExample[] {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = (chars: string, length: number) => Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
  const filler =
    '的了在是我有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长';
  const titleChars = '春秋战国史记红楼梦西游水浒传三体围城活着平凡世界白鹿原边城呐喊彷徨朝花夕拾';
  return Array.from({ length: count }, () => {
    const before = pick(filler, 1 + Math.floor(random() * 6));
    const title = pick(titleChars, 2 + Math.floor(random() * 4));
    const middle = pick(filler, 1 + Math.floor(random() * 5));
    const year = pick('0123456789', 4);
    const text = `${before}《${title}》${middle}${year}年${pick(filler, 1 + Math.floor(random() * 4))}`;
    const titleStart = before.length + 1;
    const yearStart = titleStart + title.length + 1 + middle.length;
    return {
      text,
      spans: [
        { start: titleStart, end: titleStart + title.length, label: 'BOOK' },
        { start: yearStart, end: yearStart + 5, label: 'DATE' },
      ],
    };
  });
}

const key = (s: { start: number; end: number; label: string }) => `${s.start}-${s.end}-${s.label}`;

describe('learned tagger', () => {
  const model = trainTagger(toyExamples(300, 1), { epochs: 5, seed: 3, words: false });

  it('learns a toy pattern perfectly on texts it has not seen', () => {
    for (const example of toyExamples(100, 2)) {
      const found = tag(model, example.text);
      expect(found.map(key)).toEqual(example.spans.map(key));
      for (const span of found) expect(span.confidence).toBeGreaterThan(0);
    }
  });

  it('keeps the longest of overlapping training spans and counts the others and the invalid ones', () => {
    const text = '北京市朝阳区政府';
    const trained = trainTagger(
      [
        {
          text,
          spans: [
            { start: 0, end: 8, label: 'ORG' },
            { start: 0, end: 3, label: 'LOC' },
            { start: 3, end: 6, label: 'LOC' },
            { start: 5, end: 99, label: 'LOC' },
            { start: 4, end: 4, label: 'LOC' },
          ],
        },
      ],
      { epochs: 2, words: false },
    );
    expect(trained.stats).toMatchObject({ spans: 1, droppedOverlapping: 2, droppedInvalid: 2 });
    expect(tag(trained, text).map(key)).toEqual(['0-8-ORG']);
  });

  it('decodes well-formed spans inside any text, never splitting a surrogate pair', () => {
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom(...'《》“”0123456789年春秋史记的了😀𠮷\n'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
      maxLength: 80,
    });
    fc.assert(
      fc.property(text, (t) => {
        let previousEnd = 0;
        for (const span of tag(model, t)) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(t.length);
          for (const at of [span.start, span.end]) expect(/[\udc00-\udfff]/.test(t[at] ?? '') && /[\ud800-\udbff]/.test(t[at - 1] ?? '')).toBe(false);
          expect(['BOOK', 'DATE']).toContain(span.label);
          expect(span.confidence).toBeGreaterThanOrEqual(0);
          expect(span.confidence).toBeLessThanOrEqual(1);
          previousEnd = span.end;
        }
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  it('tags spans after surrogate pairs at their UTF-16 offsets, and trains on such offsets', () => {
    const examples = toyExamples(200, 5).map(({ text, spans }) => ({
      text: `😀𠮷${text}`,
      spans: spans.map((s) => ({ ...s, start: s.start + 4, end: s.end + 4 })),
    }));
    const astral = trainTagger(examples, { epochs: 4, words: false });
    expect(astral.stats.droppedInvalid).toBe(0);
    const probe = toyExamples(1, 99)[0];
    expect(tag(astral, `😀𠮷${probe.text}`).map(key)).toEqual(probe.spans.map((s) => key({ ...s, start: s.start + 4, end: s.end + 4 })));
  });

  it('tags identically after serialize → deserialize', () => {
    const bytes = serializeTagger(model);
    const again = deserializeTagger(bytes);
    expect(again.labels).toEqual(model.labels);
    for (const example of toyExamples(30, 7)) expect(tag(again, example.text + '《春秋》')).toEqual(tag(model, example.text + '《春秋》'));
  });

  it('refuses bytes that are not a model, or a cut model, with a message', () => {
    const bytes = serializeTagger(model);
    expect(() => deserializeTagger(new Uint8Array([1, 2, 3]))).toThrow(TaggerFormatError);
    expect(() => deserializeTagger(bytes.subarray(0, bytes.length - 8))).toThrow(/should be \d+ bytes long/);
    const withVersion = (version: number) => {
      const copy = bytes.slice();
      const header = new TextDecoder().decode(copy.subarray(8, 40));
      expect(header).toContain(`"version":${MODEL_VERSION}`);
      copy.set(new TextEncoder().encode(header.replace(`"version":${MODEL_VERSION}`, `"version":${version}`)), 8);
      return copy;
    };
    expect(() => deserializeTagger(withVersion(9))).toThrow(/version 9/);
    // Version 1 weights were not on the grid tagging now relies on, nor had the newer features: such a stored model is refused, to be retrained.
    expect(() => deserializeTagger(withVersion(1))).toThrow(`version 1 is not ${MODEL_VERSION}; retrain`);
  });

  it('reads a model from a Node Buffer that is a view into a larger pool', () => {
    const bytes = serializeTagger(model);
    const pool = Buffer.alloc(bytes.length + 16, 0xee);
    pool.set(bytes, 16);
    const again = deserializeTagger(pool.subarray(16));
    for (const example of toyExamples(10, 8)) expect(tag(again, example.text)).toEqual(tag(model, example.text));
  });

  it('tags long texts a line (and a long line a few sentences) at a time, at the right offsets', () => {
    const parts = toyExamples(200, 11);
    const lines = parts.map((p) => p.text + '\n');
    const expected: string[] = [];
    let at = 0;
    for (const line of lines) {
      expected.push(...tag(model, line).map((s) => key({ ...s, start: s.start + at, end: s.end + at })));
      at += line.length;
    }
    expect(expected.length).toBeGreaterThan(300);
    expect(tag(model, lines.join('')).map(key)).toEqual(expected);
    const oneLine = parts.map((p) => p.text + '。').join('');
    expect(oneLine.length).toBeGreaterThan(4000);
    const found = tag(model, oneLine);
    expect(found.filter((s) => s.label === 'DATE')).toHaveLength(parts.length);
    found.forEach((s, i) => expect(s.start).toBeGreaterThanOrEqual(i ? found[i - 1].end : 0));
  });

  it('gives training texts dictionary hits only from the other folds, and remembers which hits it was trained with', () => {
    const examples: TaggerExample[] = [
      { text: '蔡奇在朝阳区调研', spans: [{ start: 0, end: 2, label: 'PERSON' }] },
      { text: '殷勇主持会议', spans: [{ start: 0, end: 2, label: 'PERSON' }] },
      { text: '蔡奇会见殷勇', spans: [] },
    ];
    const jackknifed = withJackknifedHits(examples, 3);
    expect(jackknifed[0].hits).toEqual([]); // 蔡奇 is labelled only in example 0 itself
    expect(jackknifed[2].hits).toEqual([
      { start: 0, end: 2, name: 'dict:PERSON' },
      { start: 4, end: 6, name: 'dict:PERSON' },
    ]);
    expect(dictionaryHits('蔡奇蔡奇', mentionDictionary(examples))).toHaveLength(2);
    expect(trainTagger(jackknifed, { epochs: 1, words: false }).stats.hitNames).toEqual(['dict:PERSON']);
  });

  it("ignores the caller's hits outside the text or cutting a character, in one piece or many", () => {
    const withHits = trainTagger(toyExamples(60, 12), { epochs: 2, words: false, dictionary: true });
    const texts = toyExamples(20, 13).map((e) => e.text);
    const junk = fc.record({
      start: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constant(Number.NaN)),
      end: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constant(Number.NaN)),
      name: fc.constantFrom('dict:BOOK', 'dict:DATE'),
    });
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(junk, { maxLength: 8 }), fc.boolean(), (text, extra, longLine) => {
        // A line of many pieces (PIECE in model.ts is 2,000 code units) or one short text, with a surrogate pair in it.
        const whole = longLine ? `${'的'.repeat(1990)}。${text}😀${text}` : `${text}😀${text}`;
        const valid = dictionaryHits(whole, withHits.dictionary!);
        const outside = extra.filter(
          (h) => !(h.start >= 0 && h.end <= whole.length && h.start < h.end) || whole.charCodeAt(h.start) === 0xde00 || whole.charCodeAt(h.end) === 0xde00,
        );
        expect(tag(withHits, whole, [...outside, ...valid])).toEqual(tag(withHits, whole, valid));
      }),
      { numRuns: 200, seed: 22 },
    );
  });
});
