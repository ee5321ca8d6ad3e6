// Property tests: whatever mix of Han, traditional characters, pinyin, astral characters, line
// ends and invisible spaces goes in, the offset map is a monotone cover of the normalized text and
// every normalized character maps back to the original character(s) it came from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportWarning } from '../../../shared/model';
import { normalizeText } from '../../../shared/import/normalize';
import { mapToOriginal, offsetMapProblem } from '../../../shared/import/offset-map';
import { simplifyChar, simplifyText } from '../../../shared/import/opencc';

const SIMPLIFIED = [...'北京市昌平区召开会议的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也对生能'];
const TRADITIONAL = [...'區時間發會議書記國際實現經濟開業產專選舉黨貫徹臺灣裡後乾著於麼'];
const PINYIN = ['(shí)', '(qū)', '(jiān)', '(zhōng guó)', '（fā）', '(lǜ)'];
const ASTRAL = ['𠮷', '𩸽', '😀'];
const BREAKS = ['\r\n', '\r', '\n', '\n\n', '\n\n\n'];
const SPACES = ['\u00a0', '\u200b', '\ufeff', '\u3000', ' ', '\t', '\u00ad'];
const OTHER = ['BRT', '2021', '(2021)', '(记者 赵紫楠)', ',', '。', '“', '”', '?', 'u\u0308', 'e\u0301', '\uf900', '相关阅读', '关注'];

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SIMPLIFIED) },
  { weight: 4, arbitrary: fc.constantFrom(...TRADITIONAL) },
  { weight: 2, arbitrary: fc.constantFrom(...PINYIN) },
  { weight: 1, arbitrary: fc.constantFrom(...ASTRAL) },
  { weight: 2, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 2, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER) },
);
const document = fc.array(fragment, { maxLength: 120 }).map((parts) => parts.join(''));

const ODD_SPACES = /^[\u00a0\u3000\u2000-\u200a\u202f\u205f]$/;

/** Whether a normalized character is explained by the original text it maps to. */
function explains(norm: string, orig: string): boolean {
  if (orig === norm) return true;
  const nfc = orig.normalize('NFC');
  if (nfc === norm || simplifyChar(nfc) === norm || simplifyText(nfc) === norm) return true;
  if (norm === '\n') return /^(\r\n|\r|\u2028|\u2029|\u0085)$/.test(orig);
  if (norm === ' ') return ODD_SPACES.test(orig) || /^\s+$/.test(orig);
  // A '?' standing for a lost character keeps the remains of its annotation in its source.
  if (norm === '?' || norm === '\ufffd') return orig.startsWith(norm);
  return false;
}

const inRepairedRun = (warnings: ImportWarning[], i: number) =>
  warnings.some((w) => w.kind === 'mojibake_repaired' && w.start !== undefined && i >= w.start && i < (w.end ?? w.start));

describe('normalizeText properties', () => {
  it('maps every normalized character back to its source', () => {
    fc.assert(
      fc.property(document, (original) => {
        const r = normalizeText(original);
        expect(offsetMapProblem(r.offsetMap, r.text.length, original.length)).toBeNull();
        for (let i = 0; i < r.text.length;) {
          const ch = String.fromCodePoint(r.text.codePointAt(i)!);
          const o = mapToOriginal(r.offsetMap, i, i + ch.length);
          const source = original.slice(o.start, o.end);
          if (!inRepairedRun(r.warnings, i)) expect(explains(ch, source), `${JSON.stringify(ch)} ← ${JSON.stringify(source)}`).toBe(true);
          i += ch.length;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no CR, zero-width characters or pinyin annotations behind', () => {
    fc.assert(
      fc.property(document, (original) => {
        const { text } = normalizeText(original);
        expect(text).not.toMatch(/[\r\u200b\ufeff\u00ad\u00a0]/);
        expect(text).not.toMatch(/\p{Script=Han}[(（](shí|qū|jiān|zhōng guó|fā|lǜ)[)）]/u);
        expect(text).not.toMatch(/^[ \t\u3000]|[ \t\u3000]$/m);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the map valid for arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (original) => {
        const r = normalizeText(original);
        expect(offsetMapProblem(r.offsetMap, r.text.length, original.length)).toBeNull();
        for (const w of r.warnings) if (w.start !== undefined) expect(w.end! <= r.text.length && w.start <= w.end!).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('maps a traditional character to itself in the original', () => {
    const original = '昌平區(qū)召開會議\r\n時(shí)間:2021年';
    const r = normalizeText(original);
    expect(r.text).toBe('昌平区召开会议\n时间:2021年');
    const at = r.text.indexOf('区');
    const o = mapToOriginal(r.offsetMap, at, at + 1);
    expect(original.slice(o.start, o.end)).toBe('區');
  });
});
