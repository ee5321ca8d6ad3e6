// The export report's list of spans a format dropped or wrote with changed edges: which document,
// which text, why. Exporters name the spans by id (Dropped.spanIds); this turns the ids of one
// document into rows, up to a cap, and writes the rows as CSV for the dialog and the CLI.
import { EXPORT_SPAN_LIST_CAP, type ExportSpanIssue } from '../api/export';
import type { Dropped, ExportDocument, ExportSpan } from './types';

/** A span's text in the list is cut after this many characters (a span may cover paragraphs). */
export const SPAN_ISSUE_TEXT_MAX = 80;

export class SpanIssueList {
  readonly issues: ExportSpanIssue[] = [];
  /** Issues past the cap: counted, not listed. */
  more = 0;

  constructor(private readonly cap = EXPORT_SPAN_LIST_CAP) {}

  /** Adds one document's dropped or adjusted spans; costs nothing when it has none. */
  add(kind: ExportSpanIssue['kind'], doc: Pick<ExportDocument, 'id' | 'text' | 'spans' | 'metadata'>, reported: readonly Dropped[]): void {
    if (reported.length === 0) return;
    let byId: Map<number, ExportSpan> | null = null;
    for (const { reason, count, spanIds } of reported) {
      const room = Math.max(0, this.cap - this.issues.length);
      const listed = spanIds ? Math.min(room, spanIds.length) : 0;
      this.more += count - listed;
      if (listed === 0) continue;
      byId ??= new Map(doc.spans.map((s) => [s.id, s]));
      for (let i = 0; i < listed; i++) {
        const span = byId.get(spanIds![i]);
        if (!span) {
          this.more++;
          continue;
        }
        this.issues.push({
          kind,
          reason,
          documentId: doc.id,
          title: doc.metadata.title,
          spanId: span.id,
          label: span.label,
          start: span.start,
          end: span.end,
          text: shortened(doc.text.slice(span.start, span.end)),
        });
      }
    }
  }
}

function shortened(text: string): string {
  if (text.length <= SPAN_ISSUE_TEXT_MAX) return text;
  // Never cut a surrogate pair in two.
  const cut = /[\uD800-\uDBFF]/.test(text[SPAN_ISSUE_TEXT_MAX - 1]!) ? SPAN_ISSUE_TEXT_MAX - 1 : SPAN_ISSUE_TEXT_MAX;
  return `${text.slice(0, cut)}…`;
}

const CSV_COLUMNS = ['kind', 'reason', 'document_id', 'title', 'span_id', 'label', 'start', 'end', 'text'] as const;

function csvField(value: string | number): string {
  const text = String(value);
  // Quote anything a spreadsheet could misread; a leading = + - @ would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The list as CSV (RFC 4180, CRLF). Spans past the cap are not in it: the report counts them. */
export function spanIssuesCsv(issues: readonly ExportSpanIssue[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const i of issues) rows.push([i.kind, i.reason, i.documentId, i.title, i.spanId, i.label, i.start, i.end, i.text].map(csvField).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
