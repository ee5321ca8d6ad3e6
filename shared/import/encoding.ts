// Encoding detection: BOMs, UTF-16 by its NUL pattern, strict UTF-8, then GB18030 / Big5 / UTF-16
// scored by decoding each strictly (fatal TextDecoder) and measuring how plausible the characters
// are as Chinese news text. Works on short files too, where byte statistics would not.
import type { SupportedEncoding } from '../api/jobs';
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

/** UTF-16 guessed from NUL bytes sitting on one parity (ASCII in UTF-16); 'binary' otherwise. */
function fromNuls(bytes: Uint8Array): SupportedEncoding | 'binary' | null {
  const n = Math.min(bytes.length, SAMPLE);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 ? odd++ : even++);
  if (even + odd === 0) return null;
  if (bytes.length % 2 === 0 && even + odd >= n * 0.01) {
    if (odd >= (even + odd) * 0.9) return 'utf-16le';
    if (even >= (even + odd) * 0.9) return 'utf-16be';
  }
  return 'binary';
}

/**
 * Decodes bytes as text. `forced` skips detection; `hint` is a declared charset (HTML meta) that
 * wins when the bytes decode cleanly with it. Returns an error message for binary data.
 */
export function decodeBytes(bytes: Uint8Array, forced?: SupportedEncoding, hint?: string | null): DecodeResult | { error: string } {
  const warnings: ImportWarning[] = [];
  if (forced) {
    const text = new TextDecoder(forced).decode(bytes);
    const bad = countReplacements(text);
    if (bad) warnings.push({ kind: 'decode_errors', message: `${bad} byte sequence(s) are not valid ${forced} and became U+FFFD` });
    return { text, encoding: forced, confidence: 1, warnings };
  }
  const bom = fromBom(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom, confidence: 1, warnings };
  const nul = fromNuls(bytes);
  if (nul === 'binary') return { error: `binary file (NUL bytes at byte ${bytes.indexOf(0)})` };
  if (nul) {
    const text = decodeStrict(bytes, nul);
    if (text !== null) return { text, encoding: nul, confidence: 0.9, warnings };
  }
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', confidence: /[^\x00-\x7f]/.test(utf8) ? 0.99 : 1, warnings };
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
    warnings.push({ kind: 'decode_errors', message: `no encoding decodes this file cleanly; read as ${loose.encoding} with ${loose.bad} invalid byte sequence(s)` });
    return { text: loose.text, encoding: loose.encoding, confidence: round2(Math.max(0.05, loose.score * 0.5)), warnings };
  }
  const [best, second] = scored;
  const margin = best.score - (second?.score ?? 0);
  const confidence = round2(Math.min(0.99, best.score * (0.6 + 0.4 * Math.min(1, margin / 0.25))));
  if (confidence < 0.9) {
    const others = scored.slice(1).map((c) => `${c.encoding} ${round2(c.score)}`).join(', ');
    warnings.push({ kind: 'encoding_guess', message: `encoding guessed as ${best.encoding} (confidence ${confidence})${others ? `; also possible: ${others}` : ''}` });
  }
  return { text: best.text, encoding: best.encoding, confidence, warnings };
}
