// The pure suggestion logic: term matching, the dictionary's choice of label, patterns, the merge rule.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuggestionRef } from '../../../shared/api/suggestions';
import { dictionaryEntries, dictionaryMatcher, dictionarySuggestions } from '../../../shared/suggest/dictionary';
import { parseGazetteerText } from '../../../shared/suggest/gazetteer';
import { mergeSuggestions } from '../../../shared/suggest/merge';
import { proposeForText } from '../../../shared/suggest/propose';
import { spanProblem } from '../../../shared/text/offsets';
import { BUILT_IN_PATTERNS, compilePattern, patternHits } from '../../../shared/suggest/patterns';
import { TermMatcher } from '../../../shared/suggest/term-matcher';
import { REPO_ROOT, SEEDS_DIR } from '../helpers';

const ref = (start: number, end: number, confidence = 1, source: SuggestionRef['source'] = 'pattern'): SuggestionRef => ({
  start,
  end,
  labelId: 1,
  source,
  sourceId: '',
  confidence,
});

describe('TermMatcher', () => {
  it('takes the longest term at each place and never overlaps', () => {
    const m = new TermMatcher<string>();
    m.add('北京', 'a');
    m.add('北京市', 'b');
    m.add('市委', 'c');
    expect(m.find('北京市委北京').map((h) => [h.start, h.end, h.payload])).toEqual([
      [0, 3, 'b'],
      [4, 6, 'a'],
    ]);
  });

  it('refuses terms with a lone surrogate and never splits a pair', () => {
    const m = new TermMatcher<number>();
    expect(m.add('\ud842', 1)).toBe(false);
    expect(m.add('\udfb7', 1)).toBe(false);
    m.add('𠮷野', 2);
    expect(m.find('x𠮷野y')).toEqual([{ start: 1, end: 4, payload: 2 }]);
  });

  it('hits are inside the text, in order, disjoint and equal to a term (property)', () => {
    const alphabet = fc.constantFrom('北', '京', '市', '𠮷', 'a', '，');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((c) => c.join('')),
          { maxLength: 8 },
        ),
        fc.array(alphabet, { maxLength: 60 }),
        (terms, chars) => {
          const text = chars.join('');
          const m = new TermMatcher<string>();
          for (const t of terms) m.add(t, t);
          let last = 0;
          for (const hit of m.find(text)) {
            expect(hit.start).toBeGreaterThanOrEqual(last);
            expect(text.slice(hit.start, hit.end)).toBe(hit.payload);
            last = hit.end;
          }
        },
      ),
    );
  });
});

describe('dictionary', () => {
  it('the most frequent label of a text wins; one-character mentions only when enabled', () => {
    const mentions = [
      { text: '蔡奇', labelId: 1 },
      { text: '蔡奇', labelId: 2 },
      { text: '蔡奇', labelId: 1 },
      { text: '京', labelId: 3 },
    ];
    expect([...dictionaryEntries(mentions)]).toEqual([['蔡奇', 1]]);
    expect(dictionaryEntries(mentions, { singleCharacters: true }).get('京')).toBe(3);
    const found = dictionarySuggestions(dictionaryMatcher(dictionaryEntries(mentions)), '今天蔡奇来京，蔡奇说');
    expect(found.map((s) => [s.start, s.end, s.labelId, s.source])).toEqual([
      [2, 4, 1, 'dictionary'],
      [7, 9, 1, 'dictionary'],
    ]);
  });
});

describe('gazetteer text', () => {
  it('skips blank lines, duplicates, a header and unknown labels, and counts them', () => {
    const csv = '\uFEFFterm,label\n蔡奇,PERSON\n\n蔡奇,PERSON\n殷勇,人物,殷勇市长\n某某,UNKNOWN\n"城市副中心,二期",PROJECT\n';
    const resolve = (t: string) => ({ PERSON: 'PERSON', 人物: 'PERSON', PROJECT: 'PROJECT' })[t] ?? null;
    const parsed = parseGazetteerText(csv, { format: 'csv', resolveLabel: resolve });
    expect(parsed.terms).toEqual([
      { term: '蔡奇', labelKey: 'PERSON', canonical: null },
      { term: '殷勇', labelKey: 'PERSON', canonical: '殷勇市长' },
      { term: '城市副中心,二期', labelKey: 'PROJECT', canonical: null },
    ]);
    const skipped = Object.fromEntries(parsed.skipped.map((s) => [s.reason, s.count]));
    expect(skipped).toMatchObject({ 'header row': 1, 'blank line': 1, duplicate: 1, 'unknown label': 1 });
  });
});

describe('patterns', () => {
  it('an invalid pattern gets a message naming the problem', () => {
    const bad = compilePattern('(两个');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/Unterminated group/);
    const empty = compilePattern('a*');
    expect(!empty.ok && empty.error).toMatch(/empty text/);
  });

  it('the group named span is the span', () => {
    const compiled = compilePattern('书记(?<span>\\p{Script=Han}{2,3})');
    expect(compiled.ok && patternHits(compiled.regex, '区委书记林海涛主持')).toEqual([{ start: 4, end: 7 }]);
  });

  const seeds = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(SEEDS_DIR, f), 'utf8'))
    .join('\n');
  const samples = readdirSync(join(REPO_ROOT, 'resources', 'samples'))
    .filter((f) => f.endsWith('.txt') && !f.includes('.gb18030') && !f.includes('.big5'))
    .map((f) => readFileSync(join(REPO_ROOT, 'resources', 'samples', f), 'utf8'))
    .join('\n');
  const found = (key: string, text: string) => {
    const pattern = BUILT_IN_PATTERNS.find((p) => p.key === key)!;
    const compiled = compilePattern(pattern.regex);
    if (!compiled.ok) throw new Error(compiled.error);
    return patternHits(compiled.regex, text).map((h) => text.slice(h.start, h.end));
  };

  it.each([
    ['quoted-slogan', '“一网通办”', 'samples'],
    ['numbered-formula', '“两个维护”', 'seeds'],
    ['numbered-formula', '“四个意识”', 'seeds'],
    ['numbered-formula', '“三大三强”', 'seeds'],
    ['target-figure', '一季度全区实现地区生产总值同比增长6.2%', 'samples'],
    ['project-name', '沙河高教园配套道路工程', 'samples'],
  ])('%s finds %s in the %s', (key, expected, where) => {
    expect(found(key, where === 'seeds' ? seeds : samples)).toContain(expected);
  });

  it('target patterns find their examples', () => {
    expect(found('target-deadline', '到2025年基本建成国际一流的和谐宜居之都。')).toEqual(['到2025年基本建成国际一流的和谐宜居之都']);
    expect(found('target-strive', '力争全年完成投资100亿元，')).toEqual(['力争全年完成投资100亿元']);
    expect(found('target-figure', '今年，绿化覆盖率提高到49.5%，')).toEqual(['绿化覆盖率提高到49.5%']);
    expect(found('project-name', '推进和城市绿心森林公园建设')).toEqual(['城市绿心森林公园']);
  });

  it('every built-in pattern compiles', () => {
    for (const p of BUILT_IN_PATTERNS) expect(compilePattern(p.regex)).toMatchObject({ ok: true });
  });
});

describe('mergeSuggestions', () => {
  it('drops proposals over spans and rejected places; the longest of overlapping ones wins', () => {
    const merged = mergeSuggestions(
      [ref(0, 2), ref(0, 4), ref(3, 6), ref(10, 12), ref(20, 22)],
      [{ start: 11, end: 15 }],
      [{ start: 20, end: 22, labelId: 1 }],
    );
    expect(merged.map((s) => [s.start, s.end])).toEqual([[0, 4]]);
  });

  it('a higher confidence beats a longer one; ties go to the dictionary', () => {
    expect(mergeSuggestions([ref(0, 6, 0.5, 'model'), ref(1, 3, 0.9, 'model')], [], []).map((s) => [s.start, s.end])).toEqual([[1, 3]]);
    expect(mergeSuggestions([ref(0, 2, 1, 'pattern'), ref(0, 2, 1, 'dictionary')], [], [])[0].source).toBe('dictionary');
  });

  it('never overlaps a span or another proposal, and keeps a proposal only if nothing beating it overlaps (property)', () => {
    const span = fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 8 })).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(fc.array(fc.tuple(span, fc.constantFrom(0.5, 0.9, 1)), { maxLength: 30 }), fc.array(span, { maxLength: 5 }), (cands, spans) => {
        const candidates = cands.map(([s, c]) => ref(s.start, s.end, c));
        const merged = mergeSuggestions(candidates, spans, []);
        for (let i = 0; i < merged.length; i++) {
          if (i > 0) expect(merged[i].start).toBeGreaterThanOrEqual(merged[i - 1].end);
          for (const s of spans) expect(merged[i].end <= s.start || merged[i].start >= s.end).toBe(true);
        }
        // Every dropped candidate that overlaps no span overlaps a kept one.
        for (const c of candidates) {
          if (spans.some((s) => c.start < s.end && s.start < c.end)) continue;
          expect(merged.some((k) => k.start < c.end && c.start < k.end)).toBe(true);
        }
      }),
    );
  });
});

describe('proposeForText', () => {
  it('proposals are well-formed spans of the text, never over a span, a rejection or each other (property, surrogate pairs included)', () => {
    const patterns = BUILT_IN_PATTERNS.map((p, i) => {
      const compiled = compilePattern(p.regex);
      if (!compiled.ok) throw new Error(compiled.error);
      return { id: i + 1, regex: compiled.regex, labelId: i + 1 };
    });
    const pieces = fc.constantFrom('蔡奇', '𠮷', '“', '”', '两个维护', '到2035年', '建成', '公园', '项目', '，', '。', '提高到', '5%', 'a', '\n', ' ');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.tuple(fc.nat(80), fc.integer({ min: 1, max: 6 })), { maxLength: 4 }), (parts, raw) => {
        const text = parts.join('');
        const spans = raw.map(([s, l]) => ({ start: Math.min(s, text.length), end: Math.min(s + l, text.length) })).filter((x) => x.end > x.start);
        const dictionary = dictionaryMatcher(
          dictionaryEntries([
            { text: '蔡奇', labelId: 9 },
            { text: '𠮷蔡', labelId: 8 },
          ]),
        );
        const found = proposeForText({ text, sources: { dictionary, patterns }, spans, rejected: [] });
        let last = 0;
        for (const s of found) {
          expect(spanProblem(text, s.start, s.end)).toBeNull();
          expect(s.start).toBeGreaterThanOrEqual(last);
          last = s.end;
          for (const span of spans) expect(s.end <= span.start || s.start >= span.end).toBe(true);
        }
        const rejected = found.map((s) => ({ start: s.start, end: s.end, labelId: s.labelId }));
        expect(
          proposeForText({ text, sources: { dictionary, patterns }, spans, rejected }).filter((s) =>
            rejected.some((r) => r.start === s.start && r.end === s.end && r.labelId === s.labelId),
          ),
        ).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
