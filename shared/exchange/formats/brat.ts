// brat standoff: per document doc-<id>.txt (the text, as is) and doc-<id>.ann, plus
// annotation.conf and visual.conf at the top of the folder (in train/, dev/, test/ subfolders
// when split). Offsets are code points, end exclusive. brat forbids line breaks inside a
// fragment, so a span crossing a line break becomes fragments: "T7\tSLOGAN 0 5;6 9\t...". Line
// breaks at a span's edges are trimmed (reported as adjusted: 'line-break-trimmed'); a span of
// line breaks only is dropped ('line-break-only'). Attributes are "A1\trole T7 value" with whitespace, % , | and :
// percent-encoded (UTF-8), so values with spaces survive exactly. Entity links and relations (#23):
// N and R lines, see brat-links.ts.
import { codePointLength, codePointsToUtf16, utf16ToCodePoints } from '../../text/offsets';
import {
  baseName,
  derivedFromAttributes,
  deriveTitle,
  DropCounter,
  identityDraft,
  resolvedUtf8,
  resolveDocument,
  writerOf,
  type ResolvedSpan,
} from '../common';
import { keepRelationsWithSpans } from '../entities';
import { coded, type ImportProblemCode, type ProblemParams } from '../problems';
import { applyReferences, bratLinkLines, bratRelationConf, readBratLink, type BratLinks } from './brat-links';
import type { DraftRelation } from '../../api/import';
import type { DraftSpan, ExchangeFile, ExportContext, Exporter, ExportSpan, ParseResult } from '../types';

/** \n \r \v \f \x1c-\x1e \x85 \u2028 \u2029: what Python's str.splitlines() breaks at. Runs for every character of every span. */
const isBreak = (u: number): boolean => (u >= 0x0a && u <= 0x0d) || (u >= 0x1c && u <= 0x1e) || u === 0x85 || u === 0x2028 || u === 0x2029;
const ENCODE = /[%,|:\s\x1c-\x1f\x85]/gu;
const encode = (value: string): string => value.replace(ENCODE, (c) => encodeURIComponent(c));
const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
const typeName = (label: string): string => label.replace(/\s/g, '_');
const MAX_CONF_VALUES = 1000;

interface BratState {
  labels: Set<string>;
  attributes: Map<string, Map<string, Set<string>>>; // key → label → values
  /** What spans need of their attributes (see derivedFromAttributes), worked out once per object. */
  attributesInfo: WeakMap<Record<string, string>, AttributesInfo>;
  /** Entity type names by label key. */
  types: Map<string, string>;
  /** Relation types written, with their label pairs (annotation.conf's [relations]). */
  relationPairs: Map<string, Set<string>>;
}

interface AttributesInfo {
  /** Keys and values encoded for A lines. */
  pairs: [string, string][];
  /** The entity types annotation.conf already lists these attributes for. */
  noted: Set<string>;
  /** The type noted last: a set is nearly always used with one type, and this spares the Set. */
  lastNoted: string | undefined;
}

function describeAttributes(attributes: Record<string, string>): AttributesInfo {
  const pairs = Object.entries(attributes).map(([key, value]): [string, string] => [encode(key), encode(value)]);
  return { pairs, noted: new Set(), lastNoted: undefined };
}
// describeAttributes is made once, not a closure per span.
const attributesInfo = (state: BratState, span: ExportSpan): AttributesInfo => derivedFromAttributes(span, state.attributesInfo, describeAttributes);

/** Records the attribute keys and values a type carries, for annotation.conf. */
function noteAttributes(state: BratState, info: AttributesInfo, type: string): void {
  if (info.lastNoted === type) return;
  info.lastNoted = type;
  if (info.noted.has(type)) return;
  info.noted.add(type);
  for (const [k, v] of info.pairs) {
    let byLabel = state.attributes.get(k);
    if (!byLabel) state.attributes.set(k, (byLabel = new Map()));
    let values = byLabel.get(type);
    if (!values) byLabel.set(type, (values = new Set()));
    if (v !== '' && values.size < MAX_CONF_VALUES) values.add(v);
  }
}

/** The spans brat can hold and the fragments each is written as. */
interface Fragments {
  /** Spans written: every span but those of line breaks only. */
  written: ResolvedSpan[];
  /** Fragment edges of every span written, flat; span i's are boundaries[fragFrom[i]..fragFrom[i + 1]). */
  boundaries: number[];
  fragFrom: number[];
}

/** Splits spans at line breaks, which brat forbids inside a fragment. */
function fragmentsOf(text: string, spans: readonly ResolvedSpan[], drops: DropCounter, adjusted: DropCounter): Fragments {
  const boundaries: number[] = [];
  const fragFrom: number[] = [];
  const written: ResolvedSpan[] = [];
  for (const resolved of spans) {
    const { start, end } = resolved;
    const from = boundaries.length;
    // A span is a few characters of a long text: looking at its own (a tight loop, nearly always
    // without a break) costs less than scanning the whole text for breaks.
    let u = start;
    while (u < end && !isBreak(text.charCodeAt(u))) u++;
    if (u === end) boundaries.push(start, end);
    else {
      let fragStart = -1;
      for (let u = start; u <= end; u++) {
        const atBreak = u === end || isBreak(text.charCodeAt(u));
        if (atBreak && fragStart !== -1) {
          boundaries.push(fragStart, u);
          fragStart = -1;
        } else if (!atBreak && fragStart === -1) fragStart = u;
      }
      if (boundaries.length === from) {
        drops.add('line-break-only', resolved.span);
        continue;
      }
      if (boundaries[from] !== start || boundaries[boundaries.length - 1] !== end) adjusted.add('line-break-trimmed', resolved.span);
    }
    fragFrom.push(from);
    written.push(resolved);
  }
  fragFrom.push(boundaries.length);
  return { written, boundaries, fragFrom };
}

/** The T and A lines of the spans written; `cp` are the boundaries as code points. */
function annLines(state: BratState, text: string, { written, boundaries, fragFrom }: Fragments, cp: number[]): string {
  const lines: string[] = [];
  let attributeNo = 0;
  written.forEach(({ span }, i) => {
    let type = state.types.get(span.label);
    if (type === undefined) {
      state.types.set(span.label, (type = typeName(span.label)));
      state.labels.add(type);
    }
    const offsets: string[] = [];
    const mention: string[] = [];
    for (let b = fragFrom[i]!; b < fragFrom[i + 1]!; b += 2) {
      offsets.push(`${cp[b]} ${cp[b + 1]}`);
      mention.push(text.slice(boundaries[b], boundaries[b + 1]));
    }
    // T7\tPERSON 0 2;3 5\t蔡奇 书记
    lines.push(`T${span.id}\t${type} ${offsets.join(';')}\t${mention.join(' ')}\n`);
    // A3\trole T7 value (no value: a binary attribute).
    const info = attributesInfo(state, span);
    for (const [key, value] of info.pairs) lines.push(`A${++attributeNo}\t${key} T${span.id}${value === '' ? '' : ` ${value}`}\n`);
    if (info.pairs.length > 0) noteAttributes(state, info, type);
  });
  return lines.join('');
}

const states = new WeakMap<ExportContext, BratState>();
const stateOf = (ctx: ExportContext): BratState => {
  let state = states.get(ctx);
  if (!state)
    states.set(
      ctx,
      (state = {
        labels: new Set(ctx.labels.map((l) => typeName(l.key))),
        attributes: new Map(),
        attributesInfo: new WeakMap(),
        types: new Map(),
        relationPairs: new Map(),
      }),
    );
  return state;
};

export const bratExporter: Exporter = {
  format: 'brat',
  extension: '',
  layout: 'folder',
  spanDetails: 'attributes',
  utf8Texts: true,
  entities: true,
  begin(ctx) {
    states.delete(ctx);
    stateOf(ctx);
    return [];
  },
  document(doc, ctx) {
    const state = stateOf(ctx);
    const { text, spans, drops } = resolveDocument(doc, ctx);
    const adjusted = new DropCounter();
    const fragments = fragmentsOf(text, spans, drops, adjusted);
    const ann = writerOf(ctx);
    ann.clear();
    // Through the writer, as the .txt's bytes may be: a lone surrogate becomes U+FFFD the same way in both.
    ann.text(annLines(state, text, fragments, utf16ToCodePoints(text, fragments.boundaries)));
    const typeOf = (label: string) => state.types.get(label) ?? typeName(label);
    ann.text(
      bratLinkLines(
        doc,
        ctx,
        fragments.written.map((w) => w.span),
        typeOf,
        state.relationPairs,
      ),
    );
    const base = `${doc.split ? `${doc.split}/` : ''}doc-${doc.id}`;
    return {
      chunks: [
        // The text as is: its bytes as stored when the export has them.
        { path: `${base}.txt`, text: resolvedUtf8(doc, ctx)?.bytes ?? text },
        { path: `${base}.ann`, text: ann.take() },
      ],
      dropped: drops.list(),
      adjusted: adjusted.list(),
    };
  },
  end(ctx) {
    const state = stateOf(ctx);
    states.delete(ctx);
    const conf = [
      '# Written by Biaozhu. Entity types are Biaozhu label keys.',
      '[entities]',
      ...state.labels,
      '[relations]',
      ...bratRelationConf(state.relationPairs),
      '[events]',
      '[attributes]',
    ];
    for (const [key, byLabel] of state.attributes) {
      const values = new Set([...byLabel.values()].flatMap((v) => [...v]));
      const args = `Arg:${[...byLabel.keys()].join('|')}`;
      conf.push(values.size > 0 ? `${key}\t${args}, Value:${[...values].join('|')}` : `${key}\t${args}`);
    }
    const visual = ['[labels]', ...ctx.labels.map((l) => `${typeName(l.key)} | ${l.nameZh} | ${l.nameEn}`), '[drawing]'];
    return [
      { path: 'annotation.conf', text: `${conf.join('\n')}\n` },
      { path: 'visual.conf', text: `${visual.join('\n')}\n` },
    ];
  },
};

const READS = 'Biaozhu imports text-bound annotations, attributes, notes, relations and normalizations only';

/** Spans of one .ann file against its .txt; fragments of a span are joined into one covering span. */
function parseAnn(text: string, ann: ExchangeFile, out: ParseResult): { spans: DraftSpan[]; relations: DraftRelation[] } {
  const report = (line: number | undefined, code: ImportProblemCode, message: string, params?: ProblemParams) =>
    out.problems.push({ file: ann.name, ...(line === undefined ? {} : { line }), ...coded(code, message, params) });
  const bounds: { id: string; label: string; line: number; cps: number[]; mention: string | null }[] = [];
  const attributes: { key: string; target: string; value: string; line: number }[] = [];
  const ignored = new Map<string, number>();
  const links: BratLinks = { references: [], relations: [] };
  ann.text
    .replace(/^\ufeff/, '')
    .split('\n')
    .forEach((raw, index) => {
      const row = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const line = index + 1;
      if (row.trim() === '') return;
      const fields = row.split('\t');
      const kind = row[0];
      if (kind === 'T') {
        const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(fields[1] ?? '');
        if (!m) return report(line, 'brat_bad_text_bound', `cannot read text-bound annotation "${row}"`, { row });
        const cps = m[2].split(/[ ;]/).map(Number);
        bounds.push({ id: fields[0], label: m[1], line, cps, mention: fields.length > 2 ? fields.slice(2).join('\t') : null });
      } else if (kind === 'A' || kind === 'M') {
        const [key, target, ...rest] = (fields[1] ?? '').split(' ');
        if (!target) return report(line, 'brat_bad_attribute', `cannot read attribute "${row}"`, { row });
        attributes.push({ key: decode(key), target, value: decode(rest.join(' ')), line });
      } else if (kind === '#' && /^AnnotatorNotes /.test(fields[1] ?? '')) {
        attributes.push({ key: 'note', target: fields[1].split(' ')[1], value: fields.slice(2).join('\t'), line });
      } else if ((kind === 'N' || kind === 'R') && readBratLink(kind, fields, line, links)) {
        // an entity link or a relation (brat-links.ts)
      } else ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
    });
  for (const [kind, n] of ignored) report(undefined, 'brat_lines_ignored', `${n} "${kind}" line(s) ignored: ${READS}`, { n, kind });
  const cpLen = codePointLength(text);
  const valid = bounds.filter((t) => {
    const ok = t.cps.every((c, i) => c <= cpLen && (i % 2 === 0 ? c < t.cps[i + 1] : i + 1 === t.cps.length || c <= t.cps[i + 1]));
    const offsets = t.cps.join(' ');
    if (!ok)
      report(t.line, 'brat_bad_offsets', `${t.id}: offsets ${offsets} are out of order or past the end of the text (${cpLen}); skipped`, {
        id: t.id,
        offsets,
        length: cpLen,
      });
    return ok;
  });
  const units = codePointsToUtf16(
    text,
    valid.flatMap((t) => t.cps),
  );
  const byId = new Map<string, DraftSpan>();
  let u = 0;
  for (const t of valid) {
    const frags = units.slice(u, (u += t.cps.length));
    const mention = [];
    for (let f = 0; f < frags.length; f += 2) mention.push(text.slice(frags[f], frags[f + 1]));
    if (t.mention !== null && mention.join(' ') !== t.mention) {
      const covered = mention.join(' ');
      report(t.line, 'brat_mention_mismatch', `${t.id}: offsets cover "${covered}", not "${t.mention}"; skipped`, { id: t.id, covered, mention: t.mention });
      continue;
    }
    for (let f = 2; f < frags.length; f += 2) {
      if (/[^\s\x1c-\x1f\x85]/.test(text.slice(frags[f - 1], frags[f]))) {
        report(t.line, 'brat_discontinuous', `${t.id}: discontinuous span imported as one span covering its fragments`, { id: t.id });
        break;
      }
    }
    byId.set(t.id, { start: frags[0], end: frags[frags.length - 1], label: t.label, ref: t.id });
  }
  applyAttributes(byId, attributes, report);
  for (const n of applyReferences(byId, links.references)) {
    report(n.line, 'brat_unknown_target', `Reference to ${n.name} refers to unknown annotation ${n.target}; skipped`, { key: 'Reference', target: n.target });
  }
  return { spans: [...byId.values()], relations: links.relations };
}

type AnnReport = (line: number | undefined, code: ImportProblemCode, message: string, params?: ProblemParams) => void;

/** Gives each span its A, M and AnnotatorNotes lines as attributes; lines naming no span are reported. */
function applyAttributes(byId: Map<string, DraftSpan>, attributes: { key: string; target: string; value: string; line: number }[], report: AnnReport): void {
  const attributesOf = new Map<string, [string, string][]>();
  for (const a of attributes) {
    if (!byId.has(a.target))
      report(a.line, 'brat_unknown_target', `attribute ${a.key} refers to unknown annotation ${a.target}; skipped`, { key: a.key, target: a.target });
    else attributesOf.set(a.target, [...(attributesOf.get(a.target) ?? []), [a.key, a.value]]);
  }
  for (const [id, entries] of attributesOf) (byId.get(id) as DraftSpan).attributes = Object.fromEntries(entries);
}

/** Pairs .txt and .ann files by their path without extension; other files are ignored. */
export function parseBrat(files: ExchangeFile[], out: ParseResult): void {
  const key = (name: string) => name.replace(/\\/g, '/').replace(/\.(txt|ann)$/i, '');
  const anns = new Map(files.filter((f) => /\.ann$/i.test(f.name)).map((f) => [key(f.name), f]));
  for (const file of files) {
    if (!/\.txt$/i.test(file.name)) continue;
    const text = file.text.replace(/^\ufeff/, '');
    const ann = anns.get(key(file.name));
    anns.delete(key(file.name));
    const { spans, relations } = ann ? parseAnn(text, ann, out) : { spans: [], relations: [] };
    const id = baseName(file.name);
    const draft = identityDraft(
      text,
      { title: deriveTitle(text, id), date: null, source: null, district: null, url: null, reporters: [], externalId: id },
      spans,
    );
    draft.relations = relations;
    keepRelationsWithSpans(draft, (problem, line) => out.problems.push({ file: ann?.name ?? file.name, ...(line === undefined ? {} : { line }), ...problem }));
    out.drafts.push(draft);
  }
  for (const ann of anns.values()) out.problems.push({ file: ann.name, ...coded('brat_no_txt', 'no .txt file with the same name; skipped') });
}
