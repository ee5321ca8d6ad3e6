// Byte-shifted GBK mojibake: a run where GBK bytes were decoded one byte out of step, e.g.
// '。“昌平安”正在把古老的祝福' shown as '?!安⑵桨病敝卣诎压爬系淖8?'. A run is re-encoded to
// GB18030 bytes, decoded again one byte over, and kept only when the result is far more plausible
// Chinese. Scrapers often left a '?' where the lost byte was, and NFKC turned fullwidth forms (！８)
// into ASCII, so both are undone when re-encoding. Doubtful runs get a 'mojibake' warning instead.
import type { ImportWarning } from '../../model';
import { plausibility, plausibilityOf } from '../chars';
import { gbDecodePair, gbEncodeChar, isGbLead } from '../gbk';
import { MapBuilder } from '../offset-map';
import { CHECK_LINES, type StepResult } from './types';

const MARKERS = new Set(['?', '\ufffd']);
const MAX_RUN = 60;
// Real documents hold a handful of runs; these caps keep text that is not Chinese at all (or is
// garbage through and through) from costing seconds or burying the user in warnings.
const MAX_ATTEMPTS = 400;
const MAX_FLAGS = 50;
const UNKNOWN = -1;
// Remains of a pinyin annotation whose '(' was swallowed with a lost byte: '?yōu)'.
const REMNANT = /^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)/;
const TONE = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]/;
// When a run lost a lead byte, the character it started with is guessed only when the trail
// byte left is that of common punctuation (runs usually start at a sentence boundary).
const PUNCT_BY_TRAIL = new Map([
  [0xa3, '。'],
  [0xac, '，'],
  [0xa2, '、'],
  [0xb0, '“'],
  [0xb1, '”'],
  [0xba, '：'],
  [0xbb, '；'],
  [0xbf, '？'],
]);

/** Byte sequences a character of a mojibake run may have come from. */
function alternatives(ch: string): number[][] | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x21 && cp <= 0x7e) {
    const full = gbEncodeChar(String.fromCharCode(cp + 0xfee0));
    if (!full) return null;
    // Below 0x40 a byte cannot be a trail byte, so it was a fullwidth form before NFKC.
    return cp < 0x40 ? [full] : [full, [cp]];
  }
  if (cp < 0x80) return null;
  const bytes = gbEncodeChar(ch);
  return bytes ? [bytes] : null;
}

interface Tokens {
  /** Decoded characters; null where a character was lost. */
  chars: (string | null)[];
  /** Byte offset (exclusive) in the stream where each character ends. */
  ends: number[];
  scores: number[];
}

/** Decodes a byte stream (UNKNOWN = a lost byte) two bytes at a time, greedily like a decoder. */
function tokenize(stream: number[]): Tokens {
  const t: Tokens = { chars: [], ends: [], scores: [] };
  const push = (c: string | null | undefined, end: number) => {
    t.chars.push(c ?? null);
    t.ends.push(end);
    // A fullwidth form scores as the ASCII it becomes under NFKC: re-decoding '(' as '（' gains nothing.
    const code = c ? c.charCodeAt(0) : 0;
    t.scores.push(c ? plausibility(code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : c) : 0);
  };
  for (let i = 0; i < stream.length;) {
    const b = stream[i];
    const next = i + 1 < stream.length ? stream[i + 1] : null;
    if (b === UNKNOWN) {
      const step = next === null ? 1 : 2;
      push(i === 0 && next !== null && next !== UNKNOWN ? PUNCT_BY_TRAIL.get(next) : null, i + step);
      i += step;
    } else if (b < 0x80) {
      push(String.fromCharCode(b), ++i);
    } else if (isGbLead(b) && next === null) {
      break; // a lead byte at the very end: the caller counts it as a lost character
    } else if (isGbLead(b) && next !== null && next !== UNKNOWN) {
      const c = gbDecodePair(b, next);
      i += c ? 2 : 1;
      push(c, i);
    } else {
      i += next === UNKNOWN ? 2 : 1;
      push(null, i);
    }
  }
  return t;
}

interface Repair {
  start: number;
  end: number;
  text: string;
  gain: number;
}

/** The best repair of a run starting at offset s of line, or null. */
function tryRepair(line: string, s: number, minImprovement = 0.3): Repair | null {
  let p = s;
  const marked = MARKERS.has(line[s]);
  if (marked) {
    p++;
    const rem = REMNANT.exec(line.slice(p, p + 8));
    if (rem && TONE.test(rem[0])) p += rem[0].length;
  }
  const chars: { ch: string; alts: number[][]; end: number }[] = [];
  for (let q = p; q < line.length && chars.length < MAX_RUN;) {
    const ch = String.fromCodePoint(line.codePointAt(q)!);
    if (MARKERS.has(ch)) break;
    const alts = alternatives(ch);
    if (!alts) break;
    q += ch.length;
    chars.push({ ch, alts, end: q });
  }
  if (chars.length < 2 || !chars.slice(0, 8).some((c) => plausibility(c.ch) < 0.5)) return null;
  let trailEnd = -1;
  const last = chars[chars.length - 1].end;
  if (MARKERS.has(line[last] ?? '')) {
    trailEnd = last + 1;
    const rem = REMNANT.exec(line.slice(trailEnd, trailEnd + 8));
    if (rem && TONE.test(rem[0])) trailEnd += rem[0].length;
  }
  const ambiguous = chars
    .map((c, i) => (c.alts.length > 1 ? i : -1))
    .filter((i) => i >= 0)
    .slice(0, 4);
  const origPrefix = [0];
  chars.forEach((c) => origPrefix.push(origPrefix[origPrefix.length - 1] + plausibility(c.ch)));
  let best: (Repair & { tokens: Tokens; count: number; lost: boolean }) | null = null;
  for (const mode of marked ? ['lost'] : ['lost', 'extra']) {
    for (let combo = 0; combo < 1 << ambiguous.length; combo++) {
      const stream: number[] = mode === 'lost' ? [UNKNOWN] : [];
      const ends: number[] = [];
      chars.forEach((c, i) => {
        const k = ambiguous.indexOf(i);
        stream.push(...c.alts[k >= 0 && combo & (1 << k) ? 1 : 0]);
        ends.push(stream.length);
      });
      if (mode === 'extra') stream.shift();
      const shift = mode === 'extra' ? -1 : 0;
      const tokens = tokenize(stream);
      let t = 0;
      let known = 0,
        sum = 0,
        unknown = 0;
      for (let e = 1; e <= chars.length; e++) {
        // Characters decoded entirely from the first e input characters' bytes.
        const limit = ends[e - 1] + shift;
        while (t < tokens.chars.length && tokens.ends[t] <= limit) {
          if (tokens.chars[t] === null) unknown++;
          else {
            known++;
            sum += tokens.scores[t];
          }
          t++;
        }
        if (e < 2) continue;
        const trailing = e === chars.length && trailEnd > 0;
        // A byte left over (or the lost byte after the run) makes one more lost character.
        const lost = trailing || (t ? tokens.ends[t - 1] : 0) < limit;
        const end = trailing ? trailEnd : chars[e - 1].end;
        // Sums, not means: characters that decode the same either way add nothing, so the shortest
        // run with the best gain wins. Markers and lost characters count as nothing.
        const origSum = origPrefix[e];
        const repMean = known ? sum / known : 0;
        const u = unknown + (lost ? 1 : 0);
        if (known < 3 || u * 3 > known || repMean < 0.75 || repMean - origSum / e < minImprovement) continue;
        const gain = sum - origSum;
        // Ties (within rounding) keep the earlier, shorter run.
        if (!best || gain > best.gain + 1e-6) best = { start: s, end, text: '', gain, tokens, count: t, lost };
      }
    }
  }
  if (!best) return null;
  const text =
    best.tokens.chars
      .slice(0, best.count)
      .map((c) => c ?? '\ufffd')
      .join('') + (best.lost ? '\ufffd' : '');
  return { start: best.start, end: best.end, text, gain: best.gain };
}

const isOdd = (ch: string) => ch.charCodeAt(0) >= 0x80 && plausibility(ch) < 0.3;
const isOddCode = (cp: number) => cp >= 0x80 && plausibilityOf(cp) < 0.3;

/** Cheap first pass: only lines with a marker or an implausible character are looked at closely. */
function needsLook(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x3f) return true;
    } else if (code === 0xfffd || isOddCode(text.codePointAt(i)!)) return true;
  }
  return false;
}

/** Start offsets worth trying in a line: lost-byte markers and clusters of implausible characters. */
interface Start {
  at: number;
  marked: boolean;
  /** Right after an earlier repair, where a smaller improvement is enough. */
  after?: boolean;
}

function candidateStarts(chars: string[], offsets: number[]): Start[] {
  const out: Start[] = [];
  // A line mostly of implausible characters is not Chinese text with a garbled run in it.
  const clusters = chars.length < 20 || chars.filter(isOdd).length <= chars.length * 0.6;
  for (let i = 0; i < chars.length; i++) {
    if (MARKERS.has(chars[i])) out.push({ at: offsets[i], marked: true });
    else if (clusters && isOdd(chars[i]) && (i === 0 || !isOdd(chars[i - 1]))) {
      const odd = chars.slice(i, i + 6).filter(isOdd).length;
      if (odd >= 3) for (let k = Math.max(0, i - 2); k <= i; k++) out.push({ at: offsets[k], marked: false });
    }
  }
  return out.sort((x, y) => x.at - y.at).filter((c, i, a) => i === 0 || c.at !== a[i - 1].at);
}

/** Range worth a warning around an unrepaired start, or null when it looks like real text. */
function suspicious(line: string, at: number, marked: boolean): { start: number; end: number } | null {
  const ch = line[at];
  if (ch === '\ufffd') return { start: at, end: at + 1 };
  let end = at + 1;
  const rem = marked ? REMNANT.exec(line.slice(at + 1, at + 9)) : null;
  if (rem && TONE.test(rem[0])) end = at + 1 + rem[0].length;
  let found = end > at + 1;
  const around = [...line.slice(end, end + 8)];
  let q = end;
  around.forEach((c, i) => {
    if (i < 4 && (isOdd(c) || (found && MARKERS.has(c)))) {
      found = true;
      end = q + c.length;
    }
    q += c.length;
  });
  return found ? { start: at, end } : null;
}

export function repairMojibake(text: string, checkCancelled?: () => void): StepResult {
  const b = new MapBuilder(text);
  const warnings: ImportWarning[] = [];
  const flagged: { start: number; end: number }[] = [];
  let unlisted = 0;
  let attempts = 0;
  const attempt = (line: string, at: number, min: number) => (attempts++ < MAX_ATTEMPTS ? tryRepair(line, at, min) : null);
  let copied = 0;
  let lineStart = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (checkCancelled && ++lines % CHECK_LINES === 0) checkCancelled();
    if (needsLook(text, lineStart, lineStart + line.length)) {
      const chars = [...line];
      const offsets: number[] = [];
      chars.reduce((o, c) => (offsets.push(o), o + c.length), 0);
      let doneUntil = 0;
      const starts = candidateStarts(chars, offsets);
      for (let i = 0; i < starts.length; i++) {
        const { at, marked, after } = starts[i];
        if (at < doneUntil) continue;
        let r = attempt(line, at, after ? 0.15 : 0.3);
        // Continuation starts come in a group: take the best of the group, not the first.
        while (after && i + 1 < starts.length && starts[i + 1].after) {
          const other = attempt(line, starts[++i].at, 0.15);
          if (other && (!r || other.gain >= r.gain)) r = other;
        }
        if (r) {
          b.copy(copied, lineStart + r.start);
          const outStart = b.length;
          b.replace(lineStart + r.start, lineStart + r.end, r.text);
          copied = lineStart + r.end;
          const from = line.slice(r.start, r.end);
          // `to` is set again once every step has run (see normalizeText): the text as it ends up.
          warnings.push({
            kind: 'mojibake_repaired',
            message: `byte-shifted GBK text "${from}" repaired as "${r.text}"`,
            code: 'mojibake_repaired',
            params: { from, to: r.text },
            start: outStart,
            end: b.length,
          });
          doneUntil = r.end;
          if (r.end < line.length && !MARKERS.has(line[r.end]) && line.charCodeAt(r.end) >= 0x80) {
            // A repair that ends on neither a marker nor ASCII often meets a second run whose
            // alignment flipped (a byte was lost inside the first): try right after it.
            const next = [0, 1, 2].map((k) => ({ at: r.end + k, marked: false, after: true }));
            starts.splice(i + 1, 0, ...next.filter((c) => c.at < line.length));
          }
        } else if (!after) {
          const s = suspicious(line, at, marked);
          if (s && flagged.length >= MAX_FLAGS) unlisted++;
          else if (s) {
            flagged.push({ start: lineStart + s.start, end: lineStart + s.end });
            doneUntil = Math.max(doneUntil, s.end);
          }
        }
      }
    }
    lineStart += line.length + 1;
  }
  b.copy(copied, text.length);
  const result = b.finish();
  return { ...result, warnings: withFlags(warnings, text, result.map, flagged, unlisted) };
}

/** The repairs' warnings and the places that looked like mojibake but were not repaired, in output order; past MAX_FLAGS, one last line counting the rest. */
function withFlags(warnings: ImportWarning[], text: string, map: number[], flagged: { start: number; end: number }[], unlisted: number): ImportWarning[] {
  // Flags are in input offsets; the repairs before them shifted the output.
  for (const f of flagged) {
    const delta = shiftAt(map, f.start);
    const flaggedText = text.slice(f.start, f.end);
    warnings.push({
      kind: 'mojibake',
      message: `possible mojibake: "${flaggedText}"`,
      code: 'mojibake',
      params: { text: flaggedText },
      start: f.start + delta,
      end: f.end + delta,
    });
  }
  warnings.sort((x, y) => (x.start ?? 0) - (y.start ?? 0));
  if (unlisted)
    warnings.push({
      kind: 'mojibake',
      message: `${unlisted} more places that look like mojibake are not listed`,
      code: 'mojibake_unlisted',
      params: { n: unlisted },
    });
  return warnings;
}

/** Output minus input offset at an input offset that lies in copied text. */
function shiftAt(map: number[], inputPos: number): number {
  let delta = 0;
  for (let k = 0; k < map.length; k += 4) {
    if (map[k + 2] > inputPos) break;
    delta = map[k] - map[k + 2];
  }
  return delta;
}
