// Characters as the tagger sees them: code points, each with its UTF-16 offset, and a coarse class.

export interface CodePoints {
  /** Code point of each character. */
  codes: Int32Array;
  /** UTF-16 offset where each character starts; offsets[n] is the text's length. */
  offsets: Int32Array;
  /** For each UTF-16 offset, the index of the character it starts, or -1 inside a surrogate pair. */
  indexAt(offset: number): number;
}

export function codePoints(text: string): CodePoints {
  const codes = new Int32Array(text.length);
  const offsets = new Int32Array(text.length + 1);
  const index = new Int32Array(text.length + 1).fill(-1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    index[i] = n;
    offsets[n] = i;
    codes[n++] = code;
    if (code > 0xffff) i++;
  }
  offsets[n] = text.length;
  index[text.length] = n;
  return { codes: codes.subarray(0, n), offsets: offsets.subarray(0, n + 1), indexAt: (offset) => (offset >= 0 && offset <= text.length ? index[offset] : -1) };
}

/** Coarse classes of characters; the numbers are feature values, stable across versions. */
export const CHAR_CLASS = { other: 1, digit: 2, chineseNumeral: 3, latin: 4, cjk: 5, punctuation: 6, openQuote: 7, closeQuote: 8, space: 9 } as const;

const CHINESE_NUMERALS = '〇零一二三四五六七八九十百千万亿两';
const OPEN_QUOTES = '“‘《〈「『【（([';
const CLOSE_QUOTES = '”’》〉」』】）)]';

function classify(code: number): number {
  const c = CHAR_CLASS;
  if ((code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19)) return c.digit;
  if (code <= 0xffff && CHINESE_NUMERALS.includes(String.fromCharCode(code))) return c.chineseNumeral;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xff21 && code <= 0xff5a)) return c.latin;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x3134f)) return c.cjk;
  if (code <= 0xffff && OPEN_QUOTES.includes(String.fromCharCode(code))) return c.openQuote;
  if (code <= 0xffff && CLOSE_QUOTES.includes(String.fromCharCode(code))) return c.closeQuote;
  if (code <= 0x20 || code === 0x3000 || code === 0xa0) return c.space;
  const punctuation =
    (code >= 0x21 && code <= 0x7e) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef) || (code >= 0x2000 && code <= 0x206f);
  return punctuation ? c.punctuation : c.other;
}

// Built on first use: one byte per BMP character, so tagging never classifies a character twice.
let bmpClasses: Uint8Array | undefined;

export function charClass(code: number): number {
  if (code > 0xffff) return classify(code);
  if (!bmpClasses) {
    bmpClasses = new Uint8Array(0x10000);
    for (let i = 0; i < 0x10000; i++) bmpClasses[i] = classify(i);
  }
  return bmpClasses[code];
}
