// What the agreement measures read: the chosen coders' spans, as typed-array columns, and the
// documents every chosen coder worked on. One pass over the coders' spans (annotations_annotator
// answers the coder filter); the order of rows does not matter, the measures group them.
import type { SpanColumns } from '../../../shared/agreement/types';
import type { Db } from './connection';
import { statement } from './connection';
import { documentFilterSql, type DocumentFilter } from './document-filters';

export interface AgreementRows {
  /** Documents every chosen coder has at least one span in (of any label), by id. */
  documents: { id: number; length: number; title: string }[];
  /** Spans of the chosen labels in those documents; `coder` and `label` index the given id lists. */
  spans: SpanColumns;
  /** Documents that matched the filter but lack spans by one of the coders. */
  notShared: number;
}

/** Coders who have at least one span, by name. */
export function annotatorsWithSpans(db: Db): { id: number; name: string }[] {
  return statement(
    db,
    `SELECT id, name FROM annotators an
    WHERE EXISTS (SELECT 1 FROM annotations a WHERE a.annotator_id = an.id) ORDER BY name`,
  ).all() as { id: number; name: string }[];
}

export function annotatorIdsByName(db: Db): Map<string, number> {
  const rows = statement(db, 'SELECT id, name FROM annotators').all() as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.name, r.id]));
}

class Column {
  data = new Int32Array(1024);
  push(value: number, at: number): void {
    if (at === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[at] = value;
  }
}

export function readAgreementRows(
  db: Db,
  query: { annotatorIds: number[]; labelIds: number[]; documentIds?: readonly number[]; filter?: DocumentFilter },
): AgreementRows {
  const { where, params } = documentFilterSql(query.filter ?? {});
  const candidates = statement(db, `SELECT id, char_count AS length, title FROM documents ${where} ORDER BY id`).all(...params) as {
    id: number;
    length: number;
    title: string;
  }[];
  const wanted = query.documentIds ? new Set(query.documentIds) : null;
  const documents = wanted ? candidates.filter((d) => wanted.has(d.id)) : candidates;
  // Dense lookups by id (ids are small integers): a Map.get per row costs more than the row.
  const slots = (ids: number[]) => {
    const table = new Int32Array(ids.reduce((max, id) => Math.max(max, id), 0) + 1).fill(-1);
    ids.forEach((id, i) => (table[id] = i));
    return table;
  };
  const docIndex = slots(documents.map((d) => d.id));
  const coderIndex = slots(query.annotatorIds);
  const labelIndex = slots(query.labelIds);
  const coderMask = new Int32Array(documents.length);

  const columns = { doc: new Column(), start: new Column(), end: new Column(), label: new Column(), coder: new Column() };
  let count = 0;
  const marks = query.annotatorIds.map(() => '?').join(', ');
  const rows = db
    .prepare(`SELECT document_id, start, end, label_id, annotator_id FROM annotations WHERE annotator_id IN (${marks})`)
    .raw(true)
    .iterate(...query.annotatorIds) as IterableIterator<[number, number, number, number, number]>;
  for (const [documentId, start, end, labelId, annotatorId] of rows) {
    const d = documentId < docIndex.length ? docIndex[documentId] : -1;
    if (d < 0) continue;
    coderMask[d] |= 1 << coderIndex[annotatorId];
    const label = labelId < labelIndex.length ? labelIndex[labelId] : -1;
    if (label < 0) continue;
    columns.doc.push(documentId, count);
    columns.start.push(start, count);
    columns.end.push(end, count);
    columns.label.push(label, count);
    columns.coder.push(coderIndex[annotatorId], count);
    count++;
  }

  // Keep the documents every coder worked on, and their spans.
  const all = (1 << query.annotatorIds.length) - 1;
  const shared = documents.filter((_, i) => coderMask[i] === all);
  let kept = 0;
  for (let s = 0; s < count; s++) {
    if (coderMask[docIndex[columns.doc.data[s]]] !== all) continue;
    for (const column of Object.values(columns)) column.data[kept] = column.data[s];
    kept++;
  }
  const cut = (c: Column) => c.data.subarray(0, kept);
  return {
    documents: shared,
    spans: { count: kept, doc: cut(columns.doc), start: cut(columns.start), end: cut(columns.end), label: cut(columns.label), coder: cut(columns.coder) },
    notShared: documents.length - shared.length,
  };
}
