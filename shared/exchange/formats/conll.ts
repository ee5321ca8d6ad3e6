// Character-level CoNLL with BIO or BIOES tags: one character (code point) per line, a TAB, its
// tag (B-PERSON, I-PERSON, E-PERSON, S-PERSON, O); a blank line between sentences; each document
// starts with a "-DOCSTART-\tO" line and a blank line. Whitespace characters are not written.
// Sentences end after 。！？ (with any closing quotes or brackets that follow) and at line breaks,
// but never inside a span. Tags cannot nest: of overlapping spans the longest (in characters)
// wins, ties go to the earlier start, then the lower id; the others are reported as 'overlap'.
import { codePointSpans, DropCounter, deriveTitle, identityDraft, isWhitespaceUnit, resolveDocument, splitPath, writerOf, type ResolvedSpan } from '../common';
import { coded } from '../problems';
import type { DraftSpan, ExchangeFile, Exporter, ParseResult } from '../types';

const EXTENSION = '.conll';
export const DOCSTART = '-DOCSTART-';
const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
/** 。！？ */
const isTerminator = (u: number) => u === 0x3002 || u === 0xff01 || u === 0xff1f;
/** Closing marks that stay with the sentence a terminator ended (and further terminators). */
const CLOSERS = codes('。！？”’」』）)》〉】"\'');
/** A sentence break waiting for the next token: none, after 。！？ (closers may follow), after a line break. */
const NO_BREAK = 0;
const AFTER_TERMINATOR = 1;
const LINE_BREAK = 2;
const isLineBreak = (u: number) => u === 0x0a || u === 0x0d || u === 0x2028 || u === 0x2029 || u === 0x85;
/** A character that is written as it comes: not whitespace, not a terminator, not a surrogate. */
function isPlainUnit(u: number): boolean {
  if (u > 0x3002) return u < 0xd800 || (u > 0xdfff && u !== 0xfeff && u !== 0xff01 && u !== 0xff1f); // Chinese text: two comparisons
  return u !== 0x3002 && !isWhitespaceUnit(u);
}

/** Keeps the spans BIO can hold; see the header comment for the policy. */
export function resolveOverlaps(text: string, spans: ResolvedSpan[], drops: DropCounter): ResolvedSpan[] {
  const visible = spans.filter((s) => {
    for (let i = s.start; i < s.end; i++) if (!isWhitespaceUnit(text.charCodeAt(i))) return true;
    drops.add('whitespace-only', s.span);
    return false;
  });
  const cp = codePointSpans(text, visible);
  const order = visible.map((_, i) => i);
  order.sort((a, b) => cp.end[b] - cp.start[b] - (cp.end[a] - cp.start[a]) || visible[a].start - visible[b].start || visible[a].span.id - visible[b].span.id);
  return keepFirstFree(text.length, visible, order, drops).sort((a, b) => a.start - b.start);
}

/** Keeps the spans in `order` whose units no span kept before covers. */
function keepFirstFree(textLength: number, visible: readonly ResolvedSpan[], order: readonly number[], drops: DropCounter): ResolvedSpan[] {
  const occupied = new Uint8Array(textLength);
  const kept: ResolvedSpan[] = [];
  outer: for (const i of order) {
    const s = visible[i];
    for (let u = s.start; u < s.end; u++) {
      if (occupied[u]) {
        drops.add('overlap', s.span);
        continue outer;
      }
    }
    occupied.fill(1, s.start, s.end);
    kept.push(s);
  }
  return kept;
}

/** Tag lines ("\tB-PERSON\n"), made once per label. */
interface Tags {
  B: string;
  I: string;
  E: string;
  S: string;
}
const OUTSIDE = '\tO\n';
function labelTags(label: string): Tags {
  const type = label.replace(/\s/g, '_');
  return { B: `\tB-${type}\n`, I: `\tI-${type}\n`, E: `\tE-${type}\n`, S: `\tS-${type}\n` };
}

/** Whether text[from, to) holds nothing but whitespace. */
function onlyWhitespace(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (!isWhitespaceUnit(text.charCodeAt(j))) return false;
  return true;
}

function conllExporter(format: 'conll-bio' | 'conll-bioes'): Exporter {
  const bioes = format === 'conll-bioes';
  // document() runs to completion: one tag table serves every document.
  const tags = new Map<string, Tags>();
  return {
    format,
    extension: EXTENSION,
    layout: 'file-per-split',
    spanDetails: 'none',
    begin: () => [],
    document(doc, ctx) {
      const { text, spans, drops } = resolveDocument(doc, ctx);
      const kept = resolveOverlaps(text, spans, drops);
      for (const { span } of kept) if (!tags.has(span.label)) tags.set(span.label, labelTags(span.label));
      const out = writerOf(ctx);
      out.clear(); // a document that threw half-way must not leave its lines to the next
      out.text(`${DOCSTART}\tO\n\n`);
      // The loop runs once per character of the corpus: the current span's edges and tags are kept
      // in locals, and a sentence break waiting to be written is a number.
      let k = 0; // next kept span that has not ended
      let spanStart = kept.length > 0 ? kept[0].start : Infinity;
      let spanEnd = kept.length > 0 ? kept[0].end : Infinity;
      let spanTags = kept.length > 0 ? tags.get(kept[0].span.label)! : null;
      let sentenceTokens = 0;
      let pending = NO_BREAK;
      let spanFirst = -1; // unit position of the current span's first token, once written
      for (let i = 0; i < text.length;) {
        if (pending === NO_BREAK && i < spanStart) {
          // Most characters lie outside every span with no sentence break waiting: a run of plain
          // ones is written in one call, each with O.
          const stop = Math.min(spanStart, text.length);
          let j = i;
          while (j < stop && isPlainUnit(text.charCodeAt(j))) j++;
          if (j > i) {
            out.eachCharThen(text, i, j, OUTSIDE);
            sentenceTokens += j - i;
            i = j;
            continue;
          }
        }
        const at = i;
        const unit = text.charCodeAt(i);
        i += unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
        if (isWhitespaceUnit(unit)) {
          if (isLineBreak(unit)) pending = LINE_BREAK;
          continue;
        }
        while (spanEnd <= at) {
          k++;
          spanFirst = -1;
          spanStart = k < kept.length ? kept[k].start : Infinity;
          spanEnd = k < kept.length ? kept[k].end : Infinity;
          spanTags = k < kept.length ? tags.get(kept[k].span.label)! : null;
        }
        const inSpan = spanStart <= at;
        if (pending !== NO_BREAK && !(inSpan && spanFirst !== -1) && !(pending === AFTER_TERMINATOR && CLOSERS.has(unit))) {
          if (sentenceTokens > 0) out.text('\n');
          sentenceTokens = 0;
          pending = NO_BREAK;
        }
        let tag = OUTSIDE;
        if (inSpan) {
          const t = spanTags!;
          const first = spanFirst === -1;
          if (first) spanFirst = at;
          if (!bioes) tag = first ? t.B : t.I;
          else {
            const last = onlyWhitespace(text, i, spanEnd); // is this the span's last visible character?
            tag = first ? (last ? t.S : t.B) : last ? t.E : t.I;
          }
        }
        out.eachCharThen(text, at, i, tag);
        sentenceTokens++;
        if (isTerminator(unit)) pending = AFTER_TERMINATOR;
      }
      if (sentenceTokens > 0) out.text('\n');
      return { chunks: [{ path: splitPath(doc.split, EXTENSION), text: out.take() }], dropped: drops.list() };
    },
    end: () => [],
  };
}

export const conllBioExporter = conllExporter('conll-bio');
export const conllBioesExporter = conllExporter('conll-bioes');

const TAG = /^([BIESM])[-_](.+)$/;

/** Reads CoNLL BIO, BIOES (and BMES) files; each sentence becomes one line of the draft's text. */
export function parseConll(file: ExchangeFile, out: ParseResult): void {
  const rows = file.text.replace(/^\ufeff/, '').split('\n');
  let docIndex = 0;
  let sentences: string[] = [];
  let spans: DraftSpan[] = [];
  let sentence = '';
  let offset = 0; // UTF-16 length of the finished sentences plus their line breaks
  let open: DraftSpan | null = null;
  let hasContent = false;
  let started = false; // a -DOCSTART- opened the current document
  const close = () => {
    if (open) spans.push(open);
    open = null;
  };
  const endSentence = () => {
    close();
    if (sentence === '') return;
    sentences.push(sentence);
    offset += sentence.length + 1;
    sentence = '';
  };
  const endDocument = () => {
    endSentence();
    if (!started && !hasContent) return;
    docIndex++;
    const text = sentences.join('\n');
    const title = deriveTitle(text, `${file.name} ${docIndex}`);
    out.drafts.push(identityDraft(text, { title, date: null, source: null, district: null, url: null, reporters: [], externalId: null }, spans));
    sentences = [];
    spans = [];
    offset = 0;
    hasContent = false;
    started = false;
  };
  rows.forEach((raw, index) => {
    const row = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (row.trim() === '') return endSentence();
    let fields = row.split('\t');
    if (fields.length < 2) fields = row.trim().split(/\s+/);
    const token = fields[0];
    if (token === DOCSTART) {
      endDocument();
      started = true;
      return;
    }
    hasContent = true;
    if (fields.length < 2 || token === '') {
      out.problems.push({ file: file.name, line: index + 1, ...coded('conll_bad_row', `expected "character<TAB>tag", got "${row}"; line skipped`, { row }) });
      return;
    }
    const tag = fields[fields.length - 1];
    const at = offset + sentence.length;
    sentence += token;
    const end = at + token.length;
    const match = TAG.exec(tag);
    if (!match) {
      close();
      if (tag !== 'O') out.problems.push({ file: file.name, line: index + 1, ...coded('conll_unknown_tag', `unknown tag "${tag}", read as O`, { tag }) });
      return;
    }
    const [, prefix, label] = match;
    const continues = open !== null && (open as DraftSpan).label === label;
    if (prefix === 'B' || prefix === 'S' || !continues) {
      close();
      open = { start: at, end, label };
    } else (open as DraftSpan).end = end;
    if (prefix === 'S' || prefix === 'E') close();
  });
  endDocument();
}
