// Traditional → simplified conversion through opencc-js: Taiwan and Hong Kong character variants
// first, then OpenCC's standard traditional → simplified characters and same-length phrases.
// Never the Taiwan/HK vocabulary dictionaries (twp/hkp): those rewrite words and change lengths.
import * as OpenCC from 'opencc-js/t2cn';

let converter: ((text: string) => string) | null = null;
const charCache = new Map<string, string>();

function convert(text: string): string {
  converter ??= OpenCC.ConverterFactory(OpenCC.Locale.from.tw, OpenCC.Locale.from.hk, OpenCC.Locale.to.cn);
  return converter(text);
}

/** Simplified form of one code point (itself when it has none). Cached. */
export function simplifyChar(ch: string): string {
  let out = charCache.get(ch);
  if (out === undefined) {
    out = convert(ch);
    // A single character must stay a single character so offsets stay exact.
    if ([...out].length !== 1) out = ch;
    charCache.set(ch, out);
  }
  return out;
}

/** Phrase-aware conversion of a short text (a line); callers check the length themselves. */
export function simplifyText(text: string): string {
  return convert(text);
}
