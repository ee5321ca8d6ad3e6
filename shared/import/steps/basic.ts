// Character-level cleanup steps: Unicode NFC, line endings, invisible and odd spaces.
import { MapBuilder } from '../offset-map';
import type { StepResult } from './types';

/** Runs a global regex over text, replacing each match by replacer(match) (null keeps it). */
export function replaceMatches(text: string, re: RegExp, replacer: (m: RegExpExecArray) => string | null): StepResult {
  const b = new MapBuilder(text);
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const out = replacer(m);
    if (out === null || out === m[0]) continue;
    b.copy(last, m.index);
    b.replace(m.index, m.index + m[0].length, out);
    last = m.index + m[0].length;
  }
  b.copy(last, text.length);
  return b.finish();
}

/**
 * NFC per cluster (a base character and its combining marks), so a composed character maps to
 * exactly the sequence it came from. Lines that are already NFC are copied untouched.
 */
export function unicodeNfc(text: string): StepResult {
  const b = new MapBuilder(text);
  if (text.normalize('NFC') === text) {
    b.copy(0, text.length);
    return b.finish();
  }
  let pos = 0;
  for (const line of text.split('\n')) {
    const end = pos + line.length;
    const nfc = line.normalize('NFC');
    if (nfc === line) b.copy(pos, end);
    else {
      const clusters = line.match(/\P{M}\p{M}*|\p{M}+/gsu) ?? [];
      if (clusters.map((c) => c.normalize('NFC')).join('') !== nfc) b.replace(pos, end, nfc);
      else {
        let p = pos;
        for (const c of clusters) {
          const n = c.normalize('NFC');
          if (n === c) b.copy(p, p + c.length);
          else b.replace(p, p + c.length, n);
          p += c.length;
        }
      }
    }
    if (end < text.length) b.copy(end, end + 1);
    pos = end + 1;
  }
  return b.finish();
}

/** CRLF, CR and Unicode line/paragraph separators become LF. */
export function lineEndings(text: string): StepResult {
  return replaceMatches(text, /\r\n?|[\u2028\u2029\u0085]/g, () => '\n');
}

const SPACE = '[ \\t\\u00a0\\u3000\\u2000-\\u200a\\u202f\\u205f\\u200b-\\u200d\\u2060\\ufeff\\u00ad]';
const INVISIBLE = /^[\u200b-\u200d\u2060\ufeff\u00ad]+$/;
const INVISIBLE_RE = new RegExp(`^${SPACE}+|${SPACE}+$|[\\u200b-\\u200d\\u2060\\ufeff\\u00ad]+|[\\u00a0\\u3000\\u2000-\\u200a\\u202f\\u205f]`, 'gm');

/**
 * Zero-width characters and soft hyphens are dropped; indentation (ideographic spaces, NBSP, tabs)
 * and trailing spaces are dropped; NBSP and other odd spaces inside a line become a plain space.
 */
export function invisibleSpaces(text: string): StepResult {
  return replaceMatches(text, INVISIBLE_RE, (m) => {
    const s = m[0];
    const atStart = m.index === 0 || text[m.index - 1] === '\n';
    const end = m.index + s.length;
    const atEnd = end === text.length || text[end] === '\n';
    if (atStart || atEnd || INVISIBLE.test(s)) return '';
    return ' ';
  });
}
