// The app's learned tagger is the one the bench scores best (#22): trained on the coder's
// confirmed spans with those mentions as dictionary hits (jackknifed), it keeps that dictionary in
// the stored model and tags with its hits, so a name confirmed once is proposed by the model in a
// context the characters alone do not give away. A stored model without a dictionary (trained
// before) still tags as it did: without hits.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModel, writeModel } from '../../../electron/services/db/suggestions';
import {
  dictionaryHits,
  deserializeTagger,
  serializeTagger,
  tag,
  TaggerFormatError,
  trainTagger,
  type ExternalHit,
  type MentionDictionary,
} from '../../../shared/suggest/tagger/index';
import { addDocument, testCore, type TestCore } from '../helpers';

const NAMES = ['蔡奇', '殷勇', '陈吉宁', '尹力', '刘伟', '魏小东', '张延昆', '林海涛', '郑立新', '周明远', '宋志刚', '王宁'];

let c: TestCore;
let person: number;

const CONTEXTS = ['市委书记{}主持会议。', '{}在朝阳区调研。', '会上，{}介绍了情况。', '感谢{}同志。', '区委书记{}出席并讲话。', '{}强调，要抓好落实。'];

/** 24 documents of two sentences, each naming an official: every name four times, in different sentences. */
beforeAll(async () => {
  c = testCore();
  person = (await c.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  for (let i = 0; i < 24; i++) {
    const first = i + Math.floor(i / 12); // documents 12-23 put each name in another sentence than 0-11
    const sentences = [CONTEXTS[first % 6]!.split('{}'), CONTEXTS[(first + 3) % 6]!.split('{}')];
    const names = [NAMES[i % 12]!, NAMES[(i + 5) % 12]!];
    let text = '';
    const spans: [number, number][] = [];
    sentences.forEach(([before, after], k) => {
      text += before;
      spans.push([text.length, text.length + names[k]!.length]);
      text += names[k]! + after;
    });
    const id = addDocument(c, text, `doc${i}`);
    for (const [start, end] of spans) await c.call('annotations:create', { documentId: id, start, end, labelId: person });
  }
  const odd = addDocument(c, '会上，欧阳明辉介绍了情况。', 'odd');
  await c.call('annotations:create', { documentId: odd, start: 3, end: 7, labelId: person });
  await c.call('model:train', {});
  for (let i = 0; i < 600 && (await c.call('model:status', {})).state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 100));
  expect((await c.call('model:status', {})).state).toBe('ready');
}, 90_000);

afterAll(() => c?.dispose());

const proposals = async (text: string, title: string) =>
  (await c.call('suggestions:forDocument', { documentId: addDocument(c, text, title), sources: ['model'] })).map((s) => s.text);

describe("the app's tagger uses the confirmed mentions as dictionary hits", () => {
  it('is trained with dictionary hits and stores the dictionary it was trained with', () => {
    const model = deserializeTagger(readModel(c.session.requireWritableDb())!.model);
    expect(model.stats.hitNames).toEqual(['dict:PERSON']);
    expect(model.dictionary?.get('魏小东')).toEqual(new Set(['PERSON']));
    expect(model.dictionary?.get('欧阳明辉')).toEqual(new Set(['PERSON']));
    expect(model.dictionary?.size).toBe(NAMES.length + 1);
    expect(model.stats).toMatchObject({ examples: 25, spans: 49 });
  });

  it('proposes confirmed names where nothing around them says they are names', async () => {
    // Trained on characters alone (the app's model before), the tagger found 魏小, nothing, and 张延 here.
    expect(await proposals('魏小东到会。', 'new1')).toEqual(['魏小东']);
    expect(await proposals('我们感谢欧阳明辉。', 'new2')).toEqual(['欧阳明辉']);
    expect(await proposals('感谢张延昆和欧阳明辉。', 'new4')).toEqual(['张延昆', '欧阳明辉']);
    // An unseen name still comes from its context, as before.
    expect(await proposals('市委书记赵一鸣主持会议。', 'new3')).toEqual(['赵一鸣']);
  });

  it('a stored model without a dictionary tags without hits, as models trained before did', async () => {
    const db = c.session.requireWritableDb();
    const stored = readModel(db)!;
    const model = deserializeTagger(stored.model);
    const bare = deserializeTagger(serializeTagger({ ...model, dictionary: undefined }));
    expect(bare.dictionary).toBeUndefined();
    writeModel(db, { ...stored, version: 'without-dictionary', model: serializeTagger(bare) });
    try {
      expect((await c.call('model:status', {})).state).toBe('ready');
      const text = '魏小东到会。市委书记赵一鸣主持会议。';
      const expected = tag(bare, text, []).map((s) => text.slice(s.start, s.end));
      expect(await proposals(text, 'bare')).toEqual(expected);
      expect(expected).not.toContain('魏小东');
    } finally {
      writeModel(db, stored);
    }
  });
});

describe('a model with a dictionary as bytes', () => {
  const examples = [...NAMES, ...NAMES].map((name) => ({ text: `书记${name}讲话。`, spans: [{ start: 2, end: 2 + name.length, label: 'PERSON' }] }));

  it('keeps its dictionary through serializing, and tags with its hits when given none', () => {
    const model = trainTagger(examples, { epochs: 3, words: false, dictionary: true });
    expect(model.stats.hitNames).toEqual(['dict:PERSON']);
    const again = deserializeTagger(serializeTagger(model));
    expect(again.dictionary).toEqual(model.dictionary);
    const text = '殷勇和王宁到会。';
    expect(tag(again, text)).toEqual(tag(model, text));
    expect(tag(model, text, [])).not.toEqual(tag(model, text)); // no hits: the dictionary's weights stay unused
  });

  it('refuses a dictionary that is not lists of terms per label, saying so', () => {
    const bytes = serializeTagger(trainTagger(examples, { epochs: 1, words: false, dictionary: true }));
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + length));
    const broken = header.replace(/"dictionary":\{"PERSON":\[/, '"dictionary":{"PERSON":[7,');
    expect(broken).not.toBe(header);
    const json = new TextEncoder().encode(broken);
    const copy = new Uint8Array(bytes.length + 16);
    copy.set(bytes.subarray(0, 8));
    new DataView(copy.buffer).setUint32(4, json.length, true);
    copy.set(json, 8);
    expect(() => deserializeTagger(copy)).toThrow(TaggerFormatError);
    expect(() => deserializeTagger(copy)).toThrow(/dictionary/);
  });
});

describe('dictionary hits', () => {
  /** Every slice of 2–16 code units looked up: what dictionaryHits finds, without its shortcut. */
  function everySlice(text: string, dictionary: MentionDictionary): ExternalHit[] {
    const hits: ExternalHit[] = [];
    for (let start = 0; start < text.length; start++)
      for (let length = 2; length <= 16 && start + length <= text.length; length++)
        for (const label of dictionary.get(text.slice(start, start + length)) ?? []) hits.push({ start, end: start + length, name: `dict:${label}` });
    return hits;
  }

  it('are every occurrence of every term, overlaps included, in the same order', () => {
    const unit = fc.constantFrom(...'蔡奇北京市区委书记😀𠮷\n'.split(''));
    const text = fc.string({ unit, maxLength: 60 });
    const term = fc.string({ unit, minLength: 1, maxLength: 20 });
    const dictionary = fc.array(fc.tuple(term, fc.constantFrom('PERSON', 'PLACE')), { maxLength: 12 }).map((entries) => {
      const d: MentionDictionary = new Map();
      for (const [t, label] of entries) d.set(t, new Set([...(d.get(t) ?? []), label]));
      return d;
    });
    fc.assert(
      fc.property(text, dictionary, (t, d) => {
        expect(dictionaryHits(t, d)).toEqual(everySlice(t, d));
        // A term added afterwards is found at once.
        d.set(t.slice(0, 3), new Set(['ADDED']));
        expect(dictionaryHits(t, d)).toEqual(everySlice(t, d));
      }),
      { numRuns: 500, seed: 22 },
    );
  });

  it('are found among thousands of terms of any characters, whatever first two characters they share', () => {
    // Thousands of terms over a wide alphabet: many share how their first two characters are
    // filed (dictionaryHits files them by a hash), and a term of another length must still be found.
    const unit = fc.integer({ min: 0x4e00, max: 0x4e00 + 3000 }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit, minLength: 2, maxLength: 17 }), { minLength: 2000, maxLength: 3000 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (terms, picks) => {
          const d: MentionDictionary = new Map(terms.map((t, i) => [t, new Set([i % 2 ? 'PERSON' : 'PLACE'])]));
          // A text of terms and their prefixes side by side, so most places start a term or nearly one.
          const text = picks.map((p) => terms[p % terms.length]! + terms[(p + 1) % terms.length]!.slice(0, 1 + (p % 3))).join('');
          expect(dictionaryHits(text, d)).toEqual(everySlice(text, d));
        },
      ),
      { numRuns: 40, seed: 22 },
    );
  });
});
