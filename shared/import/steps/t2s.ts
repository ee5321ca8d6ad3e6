// Traditional → simplified, character for character so every simplified character maps to the
// traditional character it came from. A document counts as traditional when at least 1% of its
// Han characters are unambiguously traditional; its lines are then converted phrase-aware (OpenCC
// tells 乾隆 from 乾燥) when that keeps the number of code points, else character by character.
// In a simplified document only unambiguous traditional characters change, so 显著 keeps its 著.
import { isCommonSimplified } from '../chars';
import { MapBuilder } from '../offset-map';
import { simplifyChar, simplifyText } from '../opencc';
import { CHECK_LINES, type StepResult } from './types';

const isHanUnit = (code: number) => code >= 0x3400;

// Per BMP code unit: 0 = not known yet, 1 = stays, 2 = converts but is also common simplified
// (著, 乾, 于), 3 = only traditional.
const kind = new Uint8Array(0x10000);

function kindOf(cp: number): number {
  if (cp < 0x10000 && kind[cp]) return kind[cp];
  const ch = String.fromCodePoint(cp);
  const k = simplifyChar(ch) === ch ? 1 : isCommonSimplified(ch) ? 2 : 3;
  if (cp < 0x10000) kind[cp] = k;
  return k;
}

const isTraditionalOnly = (cp: number) => kindOf(cp) === 3;

function isTraditionalDocument(text: string): boolean {
  let han = 0;
  let traditional = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isHanUnit(code) || (code >= 0xdc00 && code <= 0xdfff)) continue;
    han++;
    if (isTraditionalOnly(text.codePointAt(i)!)) traditional++;
  }
  return traditional > 0 && traditional >= han * 0.01;
}

export function traditionalToSimplified(text: string, checkCancelled?: () => void): StepResult {
  const b = new MapBuilder(text);
  const whole = isTraditionalDocument(text);
  const converts = (ch: string) => kindOf(ch.codePointAt(0)!) >= (whole ? 2 : 3);
  let copied = 0;
  let lineStart = 0;
  let lines = 0;
  while (lineStart <= text.length) {
    if (checkCancelled && ++lines % CHECK_LINES === 0) checkCancelled();
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let convertible = false;
    for (let i = lineStart; i < lineEnd && !convertible; i++) {
      if (!isHanUnit(text.charCodeAt(i))) continue;
      const cp = text.codePointAt(i)!;
      if (kindOf(cp) >= (whole ? 2 : 3)) convertible = true;
      if (cp > 0xffff) i++;
    }
    if (convertible) {
      const line = text.slice(lineStart, lineEnd);
      const source = [...line];
      const phrased = whole ? [...simplifyText(line)] : [];
      const target = phrased.length === source.length ? phrased : source.map((c) => (converts(c) ? simplifyChar(c) : c));
      b.copy(copied, lineStart);
      if (target.every((t, k) => t.length === source[k].length)) {
        // Same UTF-16 length everywhere (the usual BMP → BMP case): one one-to-one segment.
        b.substitute(lineStart, lineEnd, target.join(''));
      } else {
        let pos = lineStart;
        source.forEach((from, k) => {
          if (target[k] === from) b.copy(pos, pos + from.length);
          else b.replace(pos, pos + from.length, target[k]);
          pos += from.length;
        });
      }
      copied = lineEnd;
    }
    lineStart = lineEnd + 1;
  }
  b.copy(copied, text.length);
  return b.finish();
}
