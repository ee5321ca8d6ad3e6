// The kept dashboard counts (migration 018) recounted from the spans, texts cut in JavaScript on
// UTF-16 offsets: what every test of them compares against.
import { expect } from 'vitest';
import type { Db } from '../../../electron/services/db/connection';

const sortRows = (rows: unknown[]): string[] => rows.map((row) => JSON.stringify(row)).sort();

/** The kept tables against a recount from the spans, texts cut in JavaScript. */
export function expectKeptEqualsRecount(db: Db): void {
  const counts = `SELECT document_id, label_id, annotator_id, review_state, substr(created_at, 1, 10) AS day, count(*) AS spans FROM annotations GROUP BY 1, 2, 3, 4, 5`;
  expect(sortRows(db.prepare('SELECT document_id, label_id, annotator_id, review_state, day, spans FROM dashboard_span_counts').all())).toEqual(
    sortRows(db.prepare(counts).all()),
  );
  const spans = db
    .prepare(
      'SELECT a.id, a.document_id, a.start, a.end, a.label_id, coalesce(a.entity_id, 0) AS entity, dt.text FROM annotations a JOIN document_texts dt ON dt.document_id = a.document_id',
    )
    .all() as {
    id: number;
    document_id: number;
    start: number;
    end: number;
    label_id: number;
    entity: number;
    text: string;
  }[];
  const astral = (text: string) => [...text].length !== text.length;
  const expectedMentions = spans.map((s) => [s.id, s.document_id, s.label_id, s.entity, astral(s.text) ? null : s.text.slice(s.start, s.end)]);
  expect(sortRows(db.prepare('SELECT annotation_id, document_id, label_id, entity_id, text FROM dashboard_span_mentions').raw().all())).toEqual(
    sortRows(expectedMentions),
  );
  const totals = new Map<string, { spans: number; documents: Set<number> }>();
  for (const s of spans) {
    const mention = s.entity > 0 ? '' : astral(s.text) ? null : s.text.slice(s.start, s.end);
    if (mention === null) continue;
    const key = JSON.stringify([s.label_id, s.entity, mention]);
    const total = totals.get(key) ?? { spans: 0, documents: new Set<number>() };
    total.spans += 1;
    total.documents.add(s.document_id);
    totals.set(key, total);
  }
  expect(sortRows(db.prepare('SELECT label_id, entity_id, mention, spans, documents FROM dashboard_mention_totals').raw().all())).toEqual(
    sortRows([...totals].map(([key, t]) => [...(JSON.parse(key) as unknown[]), t.spans, t.documents.size])),
  );
}
