// The tagger's character blocks (#22): each character's five window rows (as the character two
// before … two after) copied side by side, so one read finds all five. A block must hold exactly
// the model's rows (a character without any reads the zero block), and tagging must not change
// when blocks run out (the rest read row by row):
// the same tags with no blocks, a few, or as many as the text needs.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CharBlocks, NO_WEIGHTS, NO_ROOM } from '../../../shared/suggest/tagger/char-blocks';
import { tag, trainTagger, type TaggerExample } from '../../../shared/suggest/tagger/index';
import { tuning } from '../../../shared/suggest/tagger/model';

const defaults = { ...tuning };
afterEach(() => {
  Object.assign(tuning, defaults);
});

describe('character blocks', () => {
  it('hold exactly the rows the model has for each of the five places, and zeros elsewhere', () => {
    const T = 9;
    const place = fc.record({ weights: fc.array(fc.integer({ min: -4096, max: 4096 }), { minLength: T, maxLength: T }) }, { requiredKeys: [] });
    const model = fc.array(fc.tuple(fc.integer({ min: -2, max: 0x10ffff }), fc.array(place, { minLength: 5, maxLength: 5 })), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(model, fc.integer({ min: 0, max: 12 }), (chars, room) => {
        const rows = new Map<string, Float32Array>();
        for (const [code, places] of chars)
          places.forEach((p, offset) => {
            if (p.weights)
              rows.set(
                `${offset}:${code}`,
                Float32Array.from(p.weights, (w) => w / 4096),
              );
          });
        const blocks = new CharBlocks(T, room * 5 * T);
        const add = (offset: number, code: number, out: Float32Array, at: number) => {
          const row = rows.get(`${offset}:${code}`);
          if (!row) return false;
          out.set(row, at);
          return true;
        };
        const built = new Set<number>();
        const full = () => built.size === Math.max(0, room - 1); // the first block of the room is the zero block
        for (const [code] of chars) {
          const at = blocks.blockOf(code, add);
          const has = [0, 1, 2, 3, 4].some((o) => rows.has(`${o}:${code}`));
          if (at === NO_ROOM) expect(full()).toBe(true);
          else if (!has) expect(at).toBe(NO_WEIGHTS);
          else {
            expect(at).toBeGreaterThan(0);
            built.add(at);
            for (let o = 0; o < 5; o++) {
              const want = rows.get(`${o}:${code}`) ?? new Float32Array(T);
              expect([...blocks.weights.subarray(at + o * T, at + (o + 1) * T)]).toEqual([...want]);
            }
          }
          expect(blocks.blockOf(code, add)).toBe(at); // found again, not built twice
        }
        expect(blocks.weights.subarray(0, 5 * T).every((w) => w === 0)).toBe(true);
      }),
      { numRuns: 200, seed: 22 },
    );
  });

  const NAMES = ['蔡奇', '殷勇', '陈吉宁', '尹力'];
  const examples: TaggerExample[] = NAMES.flatMap((name, i) =>
    ['在朝阳区调研。', '主持会议并讲话。', '到𠮷野家看望群众。'].map((rest, j) => ({
      text: `${'会上，'.slice(0, (i + j) % 4)}${name}${rest}`,
      spans: [{ start: (i + j) % 4, end: ((i + j) % 4) + name.length, label: 'PER' }],
    })),
  );
  const CHARS = [...new Set([...examples.map((e) => e.text).join(''), ...'市委书记北京ABC 😀「」'])];
  const sentence = fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 30 }).map((chars) => chars.join(''));

  it('tag the same with no blocks, a few, or enough for every character, and with few combinations kept', () => {
    const tagWith = (blocks: number, texts: string[], combos = defaults.mostCombos) => {
      tuning.mostCombos = combos;
      tuning.charBlockFloats = blocks * 5 * 5; // one label: 5 tags (O, B, I, E, S); a block is five rows of them
      const model = trainTagger(examples, { epochs: 3, seed: 3, words: true, dictionary: true });
      return texts.map((text) => tag(model, text));
    };
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), (texts) => {
        const all = tagWith(1000, texts);
        expect(tagWith(0, texts)).toEqual(all);
        expect(tagWith(3, texts)).toEqual(all);
        expect(tagWith(3, texts, 2)).toEqual(all); // combinations past the first are added feature by feature
      }),
      { numRuns: 25, seed: 22 },
    );
    expect(tagWith(1000, [examples[0]!.text])[0]!.length).toBeGreaterThan(0);
  });
});
