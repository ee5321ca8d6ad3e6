// `biaozhu agreement <project> [--annotators a,b] [--labels A,B] [--docs FILTER] [--json]`.
import type { AgreementReport } from '../../shared/api/agreement';
import type { ApiInput } from '../../shared/api/index';
import type { SliceResult } from '../../shared/agreement/types';
import { DOCUMENT_STATUSES } from '../../shared/model';
import type { Core } from '../services/core';

export const AGREEMENT_USAGE = `  agreement <project> [--annotators A,B,…] [--labels KEY,KEY] [--docs FILTER] [--json] [--per-document]
        inter-coder agreement over the documents every chosen coder has spans in (default: all
        coders with spans, all labels): Cohen's/Fleiss' kappa and Krippendorff's alpha per
        character, unitizing alpha_u, span F1 (exact and overlap), per label and overall
        --docs: document ids (3,7,10-20) or filters joined by ';': status=done, source=NAME,
        title=TEXT, from=YYYY-MM-DD, to=YYYY-MM-DD, label=KEY (documents with that label)
        --per-document: the JSON also lists every document's figures (long for a large corpus)`;

/** A user's mistake: the CLI exits 1 with the message (main.ts exits 1 for errors with a code). */
export class AgreementCliError extends Error {
  readonly code = 'invalid_input';
}

type Documents = NonNullable<ApiInput<'agreement:compute'>['documents']>;

/** Parses --docs: a list of ids and id ranges, or key=value filters separated by ';'. */
export function parseDocs(value: string): Documents {
  const text = value.trim();
  if (/^[\d\s,-]+$/.test(text)) {
    const ids: number[] = [];
    for (const part of text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
      if (range) {
        const [from, to] = [Number(range[1]), Number(range[2])];
        if (to < from || to - from > 1_000_000) throw new AgreementCliError(`--docs: the range ${part} is backwards or too long`);
        for (let id = from; id <= to; id++) ids.push(id);
      } else if (/^\d+$/.test(part)) ids.push(Number(part));
      else throw new AgreementCliError(`--docs: ${part} is not a document id or a range like 10-20`);
    }
    if (ids.length === 0) throw new AgreementCliError('--docs names no document');
    return { ids };
  }
  const filter: NonNullable<Documents['filter']> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at).trim();
    const v = at < 0 ? '' : part.slice(at + 1).trim();
    if (!v) throw new AgreementCliError(`--docs: ${part} needs a value, e.g. status=done`);
    switch (key) {
      case 'status':
        if (!(DOCUMENT_STATUSES as readonly string[]).includes(v))
          throw new AgreementCliError(`--docs: status is one of ${DOCUMENT_STATUSES.join(', ')} (got ${v})`);
        filter.status = v as (typeof DOCUMENT_STATUSES)[number];
        break;
      case 'source':
        filter.source = v;
        break;
      case 'title':
        filter.titleContains = v;
        break;
      case 'from':
        filter.dateFrom = v;
        break;
      case 'to':
        filter.dateTo = v;
        break;
      case 'label':
        filter.withLabel = v;
        break;
      default:
        throw new AgreementCliError(`--docs: unknown filter ${key}; use ids (3,7,10-20) or status=, source=, title=, from=, to=, label=`);
    }
  }
  return { filter };
}

const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function figuresJson(slice: SliceResult, coders: string[], documents: number, characters: number) {
  return {
    kappa: slice.kappa,
    kappa_kind: slice.kappaKind,
    fleiss_kappa: slice.fleissKappa,
    alpha: slice.alpha,
    alpha_u: slice.alphaU,
    f1_exact: slice.f1Exact,
    f1_overlap: slice.f1Overlap,
    percent_agreement: slice.percentAgreement,
    documents,
    characters,
    spans: Object.fromEntries(coders.map((c, i) => [c, slice.spans[i]])),
  };
}

/** The JSON the CLI prints: overall and per label, snake_case, then the details. */
export function agreementJson(r: AgreementReport) {
  return {
    coders: r.coders,
    documents: r.documents,
    characters: r.characters,
    not_shared: r.notShared,
    overall: figuresJson(r.overall, r.coders, r.documents, r.characters),
    labels: Object.fromEntries(r.byLabel.map((l) => [l.label, figuresJson(l, r.coders, r.documents, r.characters)])),
    pairs: r.pairs,
    confusion: r.confusion,
    ...(r.perDocument.length > 0 ? { per_document: r.perDocument } : {}),
    disagreements: r.disagreements,
    skipped_spans: r.skippedSpans,
  };
}

const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

export function agreementText(r: AgreementReport): string {
  const kind = r.coders.length === 2 ? "Cohen's kappa" : "Fleiss' kappa";
  const lines = [
    `agreement of ${r.coders.join(', ')} over ${r.documents} documents, ${r.characters} characters` +
      (r.notShared > 0 ? ` (${r.notShared} more documents left out: a coder has no span in them)` : ''),
    '',
    [pad('label', 12), pad('kappa', 8), pad('alpha', 8), pad('alpha_u', 8), pad('f1_exact', 9), pad('f1_overlap', 11), `spans (${r.coders.join(' / ')})`].join(
      '',
    ),
  ];
  const row = (name: string, s: SliceResult) =>
    [
      pad(name, 12),
      pad(num(s.kappa), 8),
      pad(num(s.alpha), 8),
      pad(num(s.alphaU), 8),
      pad(num(s.f1Exact), 9),
      pad(num(s.f1Overlap), 11),
      s.spans.join(' / '),
    ].join('');
  lines.push(row('overall', r.overall), ...r.byLabel.map((l) => row(l.label, l)));
  lines.push(
    '',
    `kappa: ${kind} per character; alpha: Krippendorff's alpha (nominal) per character; alpha_u: unitizing alpha; f1: spans, mean over coder pairs. — : undefined (docs/agreement.md)`,
  );
  const names = r.confusion.labels.map((l) => l ?? '(none)');
  lines.push(
    '',
    `overlapping spans (rows: ${r.pairs
      .map((p) => p.reference)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(', ')}; columns: the other coder)`,
  );
  lines.push([pad('', 12), ...names.map((n) => pad(n, 10))].join(''));
  r.confusion.counts.forEach((counts, i) => lines.push([pad(names[i], 12), ...counts.map((c) => pad(String(c), 10))].join('')));
  if (r.disagreements.length > 0) {
    lines.push('', 'most disagreement first:');
    for (const d of r.disagreements.slice(0, 10)) {
      lines.push(`  #${d.id} ${d.title ?? ''} — ${d.disagreeing} of ${d.characters} characters (${((100 * d.disagreeing) / d.characters).toFixed(1)}%)`);
    }
  }
  return lines.join('\n');
}

export async function runAgreement(core: Core, flags: Record<string, unknown>, json: boolean): Promise<number> {
  const input: ApiInput<'agreement:compute'> = {
    annotators: list(flags.annotators),
    labels: list(flags.labels),
    ...(typeof flags.docs === 'string' ? { documents: parseDocs(flags.docs) } : {}),
    perDocument: flags['per-document'] === true,
  };
  const result = await core.registry.dispatch('agreement:compute', input);
  if (!result.ok) throw new AgreementCliError(result.error.message);
  const report = result.value as AgreementReport;
  console.log(json ? JSON.stringify(agreementJson(report), null, 2) : agreementText(report));
  return 0;
}
