// Pinyin annotations after characters (時(shí)間, 區(qū)) are removed. Only parentheses holding
// nothing but valid pinyin syllables with a tone mark or ü, right after a Han character, qualify:
// (记者 赵紫楠), (扩大), (2021) and (BRT) are left alone.
import type { StepResult } from './types';
import { replaceMatches } from './basic';

const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
const BASE: Record<string, string> = {};
['aāáǎà', 'eēéěè', 'iīíǐì', 'oōóǒò', 'uūúǔù', 'vǖǘǚǜü', 'nńňǹ', 'mḿ'].forEach((g) => {
  for (const c of g.slice(1)) BASE[c] = g[0];
});
const SYLLABLE =
  /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iao|iu|ian|ua|uo|uai|ui|uan|ve|van|vn|ue|a|o|e|i|u|v|ng|n|m)$/;

const syllableCache = new Map<string, boolean>();

/** True for one pinyin syllable carrying a tone mark or ü, e.g. shí, qū, lǜ. */
export function isTonedSyllable(word: string): boolean {
  let v = syllableCache.get(word);
  if (v === undefined) {
    v = checkSyllable(word);
    if (syllableCache.size < 10_000) syllableCache.set(word, v);
  }
  return v;
}

function checkSyllable(word: string): boolean {
  if (word.length > 7) return false;
  let toned = false;
  let plain = '';
  for (const c of word.toLowerCase()) {
    const base = BASE[c];
    if (base) toned = true;
    plain += base ?? c;
  }
  return toned && SYLLABLE.test(plain);
}

const LETTERS = `a-zA-Z${TONED}`;
// An annotation in parentheses, or the remains of one after a lost character ('?yōu)').
const ANNOTATION = new RegExp(`[(（]([${LETTERS}' ]{1,40})[)）]|[?\\ufffd]([${LETTERS}]{1,7})[)）]`, 'g');
const HAN = /\p{Script=Han}/u;

function isPinyin(content: string): boolean {
  const words = content.trim().split(/[\s']+/);
  if (words.length > 4 || words.some((w) => !w)) return false;
  return words.every((w) => isTonedSyllable(w) || (words.length > 1 && SYLLABLE.test(w))) && words.some(isTonedSyllable);
}

/** The character (code point) ending right before offset i. */
function charBefore(text: string, i: number): string {
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

export function stripPinyin(text: string): StepResult {
  let strippedEnd = -1;
  return replaceMatches(text, ANNOTATION, (m) => {
    if (m[1] !== undefined) {
      // Right after a Han character, or after an annotation just removed from one: 中(zhōng)(zhòng).
      const afterHan = m.index === strippedEnd || (m.index > 0 && HAN.test(charBefore(text, m.index)));
      if (!afterHan || !isPinyin(m[1])) return null;
      strippedEnd = m.index + m[0].length;
      return '';
    }
    // Keep the '?' that stands for the lost character; drop what is left of its annotation.
    return isTonedSyllable(m[2]) ? m[0][0] : null;
  });
}
