// Random small projects for the dashboard tests, written through the db modules, and the plain
// JavaScript counts every aggregate must equal.
import fc from 'fast-check';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { DOCUMENT_STATUSES, REVIEW_STATES, type DocumentStatus, type ReviewState } from '../../../shared/model';
import { insertAnnotation } from '../../../electron/services/db/annotations';
import { insertEntity } from '../../../electron/services/db/entities';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import { addDocument, type TestCore } from '../helpers';

// 𠀀 is outside the BMP: two UTF-16 units, one code point (SQLite's substr would cut it wrong).
const CHARS = ['蔡', '奇', '两', '个', '维', '护', '𠀀'];
const DATES = ['2024-01-05', '2024-01-31', '2024-03-02', null];
const SOURCES = ['北京日报', '区融媒', null];
const DISTRICTS = ['朝阳', '海淀', null];
const ANNOTATORS = ['ann1', 'ann2'];
const DAYS = ['2026-11-30', '2026-12-01'];

export interface ModelDocument {
  chars: string[];
  date: string | null;
  source: string | null;
  district: string | null;
  status: DocumentStatus;
}

export interface ModelSpan {
  doc: number;
  /** Code-point places, turned into UTF-16 offsets when written. */
  from: number;
  length: number;
  label: number;
  annotator: number;
  review: ReviewState;
  day: number;
  linked: boolean;
}

export interface ModelProject {
  documents: ModelDocument[];
  spans: ModelSpan[];
}

const documentArb = fc.record({
  chars: fc.array(fc.constantFrom(...CHARS), { minLength: 3, maxLength: 10 }),
  date: fc.constantFrom(...DATES),
  source: fc.constantFrom(...SOURCES),
  district: fc.constantFrom(...DISTRICTS),
  status: fc.constantFrom(...DOCUMENT_STATUSES),
});

const spanArb = fc.record({
  doc: fc.nat(),
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 3 }),
  label: fc.nat({ max: 3 }),
  annotator: fc.nat({ max: 1 }),
  review: fc.constantFrom(...REVIEW_STATES),
  day: fc.nat({ max: 1 }),
  linked: fc.boolean(),
});

export const projectArb: fc.Arbitrary<ModelProject> = fc
  .record({ documents: fc.array(documentArb, { minLength: 1, maxLength: 5 }), spans: fc.array(spanArb, { maxLength: 25 }) })
  .map(({ documents, spans }) => {
    const placed = spans.map((span) => {
      const doc = span.doc % documents.length;
      const size = documents[doc].chars.length;
      const from = span.from % size;
      return { ...span, doc, from, length: Math.min(span.length, size - from) };
    });
    // One coder's label on one stretch of text is one span (the schema refuses a second).
    const seen = new Set<string>();
    return {
      documents,
      spans: placed.filter(
        (s) => !seen.has(`${s.doc}/${s.from}/${s.length}/${s.label}/${s.annotator}`) && !!seen.add(`${s.doc}/${s.from}/${s.length}/${s.label}/${s.annotator}`),
      ),
    };
  });

const filterParts = {
  labelIds: fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => l + 1)),
  dateFrom: fc.constantFrom('2024-01-01', '2024-01-31', '2024-02-01'),
  dateTo: fc.constantFrom('2024-01-31', '2024-03-02', '2024-02-28'),
  source: fc.constantFrom('北京日报', '区融媒'),
  district: fc.constantFrom('朝阳', '海淀'),
  annotator: fc.constantFrom(...ANNOTATORS, 'nobody'),
  status: fc.constantFrom(...DOCUMENT_STATUSES),
  reviewState: fc.constantFrom(...REVIEW_STATES),
};

/** No filter, or one or two of its parts: more at once would leave most random projects empty. */
export const filterArb: fc.Arbitrary<DashboardFilter> = fc
  .subarray(Object.keys(filterParts) as (keyof typeof filterParts)[], { maxLength: 2 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, filterParts[k]])) as Record<string, fc.Arbitrary<unknown>>))
  .map((filter) => filter as DashboardFilter);

/** A span as the model counts it. */
export interface PlainSpan {
  documentId: number;
  labelId: number;
  text: string;
  /** The entity's name when linked. */
  entity: string | null;
  annotator: string;
  review: ReviewState;
  day: string;
  document: ModelDocument & { id: number };
}

/** Writes the project; linked spans of label 1 and 2 go to one entity per label, named 实体<label>. */
export function writeProject(core: TestCore, project: ModelProject, labelIds: number[]): PlainSpan[] {
  const db = core.session.requireDb();
  const ids = project.documents.map((d, i) => addDocument(core, `${i}|${d.chars.join('')}`, `d${i}`, d));
  const entityOf = new Map<number, number>();
  const spans: PlainSpan[] = [];
  for (const span of project.spans) {
    const document = project.documents[span.doc];
    const prefix = `${span.doc}|`.length;
    const start = prefix + document.chars.slice(0, span.from).join('').length;
    const text = document.chars.slice(span.from, span.from + span.length).join('');
    const labelId = labelIds[span.label];
    const linked = span.linked && span.label < 2;
    if (linked && !entityOf.has(labelId)) entityOf.set(labelId, insertEntity(db, { labelId, name: `实体${labelId}`, fields: {}, note: '' }, 'now'));
    const annotator = ANNOTATORS[span.annotator];
    insertAnnotation(db, {
      documentId: ids[span.doc],
      start,
      end: start + text.length,
      labelId,
      annotatorId: ensureAnnotator(db, annotator),
      origin: 'manual',
      reviewState: span.review,
      attributes: {},
      createdAt: `${DAYS[span.day]}T10:00:00.000Z`,
      updatedAt: 'now',
      entityId: linked ? entityOf.get(labelId) : null,
    });
    spans.push({
      documentId: ids[span.doc],
      labelId,
      text,
      entity: linked ? `实体${labelId}` : null,
      annotator,
      review: span.review,
      day: DAYS[span.day],
      document: { ...document, id: ids[span.doc] },
    });
  }
  return spans;
}

export function documentMatches(d: ModelDocument, f: DashboardFilter): boolean {
  if ((f.dateFrom || f.dateTo) && d.date === null) return false;
  if (f.dateFrom && d.date! < f.dateFrom) return false;
  if (f.dateTo && d.date! > f.dateTo) return false;
  if (f.source !== undefined && d.source !== f.source) return false;
  if (f.district !== undefined && d.district !== f.district) return false;
  return !(f.status && d.status !== f.status);
}

export function spanMatches(s: PlainSpan, f: DashboardFilter): boolean {
  if (f.labelIds && !f.labelIds.includes(s.labelId)) return false;
  if (f.annotator !== undefined && s.annotator !== f.annotator) return false;
  if (f.reviewState && s.review !== f.reviewState) return false;
  return documentMatches(s.document, f);
}

/** Mentions and distinct documents per group key. */
export function countBy<T>(items: T[], key: (item: T) => string, documentOf: (item: T) => number): Map<string, { mentions: number; documents: number }> {
  const groups = new Map<string, { mentions: number; docs: Set<number> }>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k) ?? { mentions: 0, docs: new Set<number>() };
    g.mentions += 1;
    g.docs.add(documentOf(item));
    groups.set(k, g);
  }
  return new Map([...groups].map(([k, g]) => [k, { mentions: g.mentions, documents: g.docs.size }]));
}
