// Encoding detection: BOMs, UTF-16 by its NUL pattern, strict UTF-8, then GB18030 / Big5 / UTF-16
// scored by decoding each strictly (fatal TextDecoder) and measuring how plausible the characters
// are as Chinese news text. Works on short files too, where byte statistics would not.
import type { SupportedEncoding } from '../api/import';
import type { ImportWarning } from '../model';
import { meanPlausibility } from './chars';

export interface DecodeResult {
  text: string;
  encoding: SupportedEncoding;
  confidence: number;
  warnings: ImportWarning[];
}

const SAMPLE = 64 * 1024;

const round2 = (x: number) => Math.round(x * 100) / 100;

function decodeStrict(bytes: Uint8Array, encoding: SupportedEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * How many bytes at the end are the start of a character the file was cut in the middle of: a
 * UTF-8 lead byte followed by fewer continuation bytes than it announces, a lone byte of UTF-16,
 * or a UTF-16 high surrogate with nothing after it. 0 when the file ends on a whole character.
 */
function cutTail(bytes: Uint8Array, encoding: SupportedEncoding): number {
  const n = bytes.length;
  if (encoding === 'utf-8') {
    for (let k = 1; k <= Math.min(3, n); k++) {
      const b = bytes[n - k];
      if (b >= 0x80 && b < 0xc0) continue; // a continuation byte: look further back for the lead
      const needs = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
      return needs > k ? k : 0;
    }
    return 0;
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const odd = n % 2;
    const last = n - odd - 2;
    if (last < 0) return odd;
    const unit = encoding === 'utf-16le' ? bytes[last] | (bytes[last + 1] << 8) : (bytes[last] << 8) | bytes[last + 1];
    return odd + (unit >= 0xd800 && unit < 0xdc00 ? 2 : 0);
  }
  return 0;
}

/**
 * Decodes strictly, except that a character cut off at the very end (a truncated download or
 * copy) becomes one U+FFFD with a warning instead of failing the whole encoding.
 */
function decodeAllowingCut(bytes: Uint8Array, encoding: SupportedEncoding): { text: string; warnings: ImportWarning[] } | null {
  const whole = decodeStrict(bytes, encoding);
  if (whole !== null) return { text: whole, warnings: [] };
  const cut = cutTail(bytes, encoding);
  if (cut === 0) return null;
  const text = decodeStrict(bytes.subarray(0, bytes.length - cut), encoding);
  if (text === null) return null;
  const message = `the file ends in the middle of a character (its last ${cut} byte(s)); it may have been cut short`;
  return { text: `${text}\ufffd`, warnings: [{ kind: 'decode_errors', message, code: 'truncated', params: { n: cut } }] };
}

/**
 * UTF-8 with a few damaged bytes (a flipped bit, a bad splice): its non-ASCII characters are
 * nearly all valid, with a damaged place here and there. Read as UTF-8 with U+FFFD for the damage,
 * instead of letting a lucky GB18030 or UTF-16 decoding (any even byte count is valid UTF-16) turn
 * it into nonsense. GB18030 or Big5 text read as UTF-8 breaks at most of its characters (only
 * about a third of them happen to be valid UTF-8), so it never passes.
 */
function nearlyUtf8(bytes: Uint8Array): DecodeResult | null {
  const text = new TextDecoder('utf-8').decode(bytes);
  let damaged = 0;
  let valid = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) {
      if (text.charCodeAt(i - 1) !== 0xfffd) damaged++;
    } else if (c >= 0x80) valid++;
  }
  if (damaged === 0 || valid < damaged * DAMAGE_RATIO) return null;
  const message = `${damaged} place(s) in the file are not valid UTF-8 and became U+FFFD (the file may be damaged)`;
  return { text, encoding: 'utf-8', confidence: 0.9, warnings: [{ kind: 'decode_errors', message, code: 'invalid_utf8', params: { n: damaged } }] };
}

/** Valid non-ASCII characters needed per damaged place for a file to count as damaged UTF-8. */
const DAMAGE_RATIO = 4;

/** Maps charset labels (from HTML meta tags) to a supported encoding. */
export function encodingFromLabel(label: string | null | undefined): SupportedEncoding | null {
  const l = (label ?? '').trim().toLowerCase().replace(/^x-/, '');
  if (/^utf-?8$/.test(l)) return 'utf-8';
  if (/^(gb18030|gbk|gb2312|gb_2312-80|cp936|euc-cn|windows-936)$/.test(l)) return 'gb18030';
  if (/^(big5|big5-hkscs|cp950|windows-950)$/.test(l)) return 'big5';
  if (/^utf-?16(le)?$/.test(l)) return 'utf-16le';
  if (/^utf-?16be$/.test(l)) return 'utf-16be';
  return null;
}

function fromBom(bytes: Uint8Array): SupportedEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 guessed from NUL bytes sitting on one parity (ASCII in UTF-16); 'binary' otherwise. An
 * odd byte count is a UTF-16 file cut short, not a reason to call it binary.
 */
function fromNuls(bytes: Uint8Array): SupportedEncoding | 'binary' | null {
  const n = Math.min(bytes.length, SAMPLE);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 ? odd++ : even++;
  if (even + odd === 0) return null;
  if (even + odd >= n * 0.01) {
    if (odd >= (even + odd) * 0.9) return 'utf-16le';
    if (even >= (even + odd) * 0.9) return 'utf-16be';
  }
  return 'binary';
}

/**
 * Decodes bytes as text. `forced` skips detection; `hint` is a declared charset (HTML meta) that
 * wins when the bytes decode cleanly with it. Returns an error message for binary data.
 */
export function decodeBytes(bytes: Uint8Array, forced?: SupportedEncoding, hint?: string | null): DecodeResult | { error: string; nulAt: number } {
  const warnings: ImportWarning[] = [];
  if (forced) {
    const text = new TextDecoder(forced).decode(bytes);
    const bad = countReplacements(text);
    if (bad)
      warnings.push({
        kind: 'decode_errors',
        message: `${bad} byte sequence(s) are not valid ${forced} and became U+FFFD`,
        code: 'invalid_forced',
        params: { n: bad, encoding: forced },
      });
    return { text, encoding: forced, confidence: 1, warnings };
  }
  const bom = fromBom(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom, confidence: 1, warnings };
  const nul = fromNuls(bytes);
  if (nul === 'binary') return { error: `binary file (NUL bytes at byte ${bytes.indexOf(0)})`, nulAt: bytes.indexOf(0) };
  if (nul) {
    const utf16 = decodeAllowingCut(bytes, nul);
    if (utf16 !== null) return { text: utf16.text, encoding: nul, confidence: 0.9, warnings: utf16.warnings };
  }
  const utf8 = decodeAllowingCut(bytes, 'utf-8');
  if (utf8 !== null) {
    return { text: utf8.text, encoding: 'utf-8', confidence: /[^\x00-\x7f]/.test(utf8.text) ? 0.99 : 1, warnings: utf8.warnings };
  }
  const nearly = nearlyUtf8(bytes);
  if (nearly) return nearly;
  const declared = encodingFromLabel(hint);
  if (declared && declared !== 'utf-8') {
    const text = decodeStrict(bytes, declared);
    if (text !== null) return { text, encoding: declared, confidence: 0.95, warnings };
  }
  const candidates: SupportedEncoding[] = ['gb18030', 'big5'];
  if (bytes.length % 2 === 0) candidates.push('utf-16le', 'utf-16be');
  const scored = candidates
    .map((encoding) => ({ encoding, text: decodeStrict(bytes, encoding) }))
    .filter((c): c is { encoding: SupportedEncoding; text: string } => c.text !== null)
    .map((c) => ({ ...c, score: meanPlausibility(c.text) ?? 0 }))
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) {
    // Nothing decodes cleanly: take the decoding with the fewest errors and say so.
    const loose = (['gb18030', 'big5', 'utf-8'] as SupportedEncoding[])
      .map((encoding) => {
        const text = new TextDecoder(encoding).decode(bytes);
        return { encoding, text, bad: countReplacements(text), score: meanPlausibility(text) ?? 0 };
      })
      .sort((a, b) => a.bad - b.bad || b.score - a.score)[0];
    warnings.push({
      kind: 'decode_errors',
      message: `no encoding decodes this file cleanly; read as ${loose.encoding} with ${loose.bad} invalid byte sequence(s)`,
      code: 'no_clean_encoding',
      params: { encoding: loose.encoding, n: loose.bad },
    });
    return { text: loose.text, encoding: loose.encoding, confidence: round2(Math.max(0.05, loose.score * 0.5)), warnings };
  }
  const [best, second] = scored;
  const margin = best.score - (second?.score ?? 0);
  const confidence = round2(Math.min(0.99, best.score * (0.6 + 0.4 * Math.min(1, margin / 0.25))));
  if (confidence < 0.9) {
    const others = scored
      .slice(1)
      .map((c) => `${c.encoding} ${round2(c.score)}`)
      .join(', ');
    warnings.push({
      kind: 'encoding_guess',
      message: `encoding guessed as ${best.encoding} (confidence ${confidence})${others ? `; also possible: ${others}` : ''}`,
      code: others ? 'encoding_guess_others' : 'encoding_guess',
      params: { encoding: best.encoding, confidence, others },
    });
  }
  return { text: best.text, encoding: best.encoding, confidence, warnings };
}
