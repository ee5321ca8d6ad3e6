// Merging coder files: reading a coder's project file (opened read-only, checked like any project)
// and writing its spans, statuses and notes into the project. The caller runs the writes in one
// transaction; nothing here updates or deletes a row the project already had, except moving a
// document's status forward and filling an empty note.
import { ApiFailure } from '../../../shared/api/result';
import { suggestion } from '../../../shared/api/suggestions';
import { DOCUMENT_STATUSES, type AnnotationOrigin, type DocumentStatus, type ReviewState } from '../../../shared/model';
import { attributeSetId, type AttributeSetIds } from './attribute-sets';
import { nowIso, openDatabase, statement, type Db } from './connection';
import { BULK_KEPT_COUNTS_FROM, withBulkKeptCounts } from './dashboard-bulk';
import { quickCheck } from './integrity';
import { schemaVersion } from './migrations';
import { damagedMessage } from './project-file';

/** Notes on spans and documents came with schema 7; older coder files are refused (their app can upgrade them). */
const OLDEST_CODER_SCHEMA = 7;

/** Opens a coder file read-only after the checks every project gets (header, application id, newer schema), plus quick_check. */
export function openCoderFile(path: string): Db {
  const db = openDatabase(path, { readonly: true });
  try {
    const found = quickCheck(db);
    if (found.length > 0) throw new ApiFailure('damaged', damagedMessage(path, found.slice(0, 3).join('; ')));
    const version = schemaVersion(db);
    if (version < OLDEST_CODER_SCHEMA) {
      throw new ApiFailure(
        'invalid_input',
        `${path} is from an older Biaozhu (schema ${version}); open it once in this Biaozhu, which upgrades it, then merge it.`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface LabelOrigin {
  id: number;
  key: string;
  created_at: string;
}

/** Labels with their id and creation time: a hand-out copies both, so a label renamed later is still recognised. */
export function labelOrigins(db: Db): LabelOrigin[] {
  return db.prepare('SELECT id, key, created_at FROM labels ORDER BY sort_order, id').all() as LabelOrigin[];
}

export interface CoderDocument {
  id: number;
  title: string;
  text_sha256: string;
  char_count: number;
  status: DocumentStatus;
  note: string | null;
}

export function coderDocuments(db: Db): CoderDocument[] {
  return db.prepare('SELECT id, title, text_sha256, char_count, status, note FROM documents ORDER BY id').all() as CoderDocument[];
}

/** [document id, start, end, label key, annotator, origin, review state, attributes JSON or null, note or null, created, updated, origin detail JSON or null, lead time ms or null] */
export type CoderSpan = [
  number,
  number,
  number,
  string,
  string,
  AnnotationOrigin,
  ReviewState,
  string | null,
  string | null,
  string,
  string,
  string | null,
  number | null,
];

export function coderSpans(db: Db): CoderSpan[] {
  // Where an accepted suggestion came from (migration 013); a coder file from before has none.
  const columns = db.prepare("SELECT name FROM pragma_table_info('annotations')").pluck().all() as string[];
  const hasDetail = columns.includes('origin_detail');
  return db
    .prepare(
      `SELECT a.document_id, a.start, a.end, l.key, an.name, a.origin, a.review_state, s.json, a.note, a.created_at, a.updated_at,
        ${hasDetail ? 'a.origin_detail' : 'NULL'}, ${columns.includes('lead_time_ms') ? 'a.lead_time_ms' : 'NULL'}
      FROM annotations a JOIN labels l ON l.id = a.label_id JOIN annotators an ON an.id = a.annotator_id
      LEFT JOIN attribute_sets s ON s.id = a.attribute_set_id ORDER BY a.document_id, a.start, a.end`,
    )
    .raw(true)
    .all() as CoderSpan[];
}

export function spanAnnotators(db: Db): string[] {
  return db.prepare('SELECT DISTINCT an.name FROM annotations a JOIN annotators an ON an.id = a.annotator_id ORDER BY an.name').pluck().all() as string[];
}

/** The project's documents by content hash, with what a merge compares. */
export function documentsByHash(db: Db): Map<string, { id: number; charCount: number; status: DocumentStatus; note: string | null }> {
  const rows = db.prepare('SELECT id, text_sha256, char_count, status, note FROM documents').raw(true).all() as [
    number,
    string,
    number,
    DocumentStatus,
    string | null,
  ][];
  return new Map(rows.map(([id, hash, charCount, status, note]) => [hash, { id, charCount, status, note }]));
}

/** Copies one document of the coder file (metadata, status, note, texts; no spans) into the project; returns its new id. */
export function copyDocument(main: Db, coder: Db, coderDocumentId: number): number {
  const row = coder.prepare('SELECT * FROM documents WHERE id = ?').get(coderDocumentId) as Record<string, unknown>;
  const texts = coder.prepare('SELECT * FROM document_texts WHERE document_id = ?').get(coderDocumentId) as Record<string, unknown>;
  const columns = (main.prepare("SELECT name FROM pragma_table_info('documents')").pluck().all() as string[]).filter((c) => c !== 'id' && c in row);
  const values = columns.map((c) => (c === 'span_count' ? 0 : row[c]));
  const id = Number(main.prepare(`INSERT INTO documents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values).lastInsertRowid);
  const textColumns = Object.keys(texts).filter((c) => c !== 'document_id');
  main
    .prepare(`INSERT INTO document_texts (document_id, ${textColumns.join(', ')}) VALUES (?, ${textColumns.map(() => '?').join(', ')})`)
    .run(id, ...textColumns.map((c) => texts[c]));
  return id;
}

const originDetailShape = suggestion.pick({ source: true, sourceId: true, confidence: true });

/** A coder file's origin detail as the project stores it; null when it is not well-formed (a damaged or hand-edited file), since every read of the span parses it. */
function checkedOriginDetail(json: string | null): string | null {
  if (json === null) return null;
  try {
    const parsed = originDetailShape.safeParse(JSON.parse(json));
    return parsed.success ? JSON.stringify(parsed.data) : null;
  } catch {
    return null;
  }
}

/**
 * Inserts the spans of one document unless the project has the same one (document, place, label,
 * coder: unique since migration 006), and counts the added ones on the document. Returns how many
 * were added and how many were there already.
 */
export function insertCoderSpans(
  main: Db,
  documentId: number,
  spans: readonly {
    start: number;
    end: number;
    labelId: number;
    annotatorId: number;
    origin: AnnotationOrigin;
    reviewState: ReviewState;
    attributesJson: string | null;
    note: string | null;
    createdAt: string;
    updatedAt: string;
    originDetailJson: string | null;
    /** The coder's lead time for the span (#24 timing), kept: the coder made it in their file. */
    leadTimeMs?: number | null;
  }[],
  sets: AttributeSetIds,
): { added: number; present: number } {
  const insert = statement(
    main,
    `INSERT INTO annotations (document_id, start, end, label_id, annotator_id, origin, review_state, attribute_set_id, note, created_at, updated_at, origin_detail, lead_time_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, start, end, label_id, annotator_id) DO NOTHING`,
  );
  let added = 0;
  const insertAll = () => {
    for (const s of spans) {
      const attributes = s.attributesJson ? (JSON.parse(s.attributesJson) as Record<string, string>) : {};
      added += insert.run(
        documentId,
        s.start,
        s.end,
        s.labelId,
        s.annotatorId,
        s.origin,
        s.reviewState,
        attributeSetId(main, attributes, sets),
        s.note || null,
        s.createdAt,
        s.updatedAt,
        checkedOriginDetail(s.originDetailJson),
        Number.isInteger(s.leadTimeMs) && s.leadTimeMs! >= 0 ? s.leadTimeMs : null,
      ).changes;
    }
  };
  // The dashboard's kept rows once for the document (db/dashboard-bulk.ts).
  if (spans.length >= BULK_KEPT_COUNTS_FROM) withBulkKeptCounts(main, [documentId], insertAll);
  else insertAll();
  if (added > 0) statement(main, 'UPDATE documents SET span_count = span_count + ? WHERE id = ?').run(added, documentId);
  return { added, present: spans.length - added };
}

const rank = (status: DocumentStatus) => DOCUMENT_STATUSES.indexOf(status);

/**
 * Moves the document's status forward to the coder's (never back: the project's own progress is
 * kept) and fills its note from the coder's when it has none, or adds the coder's under it when
 * different. Returns whether the status moved.
 */
export function mergeDocumentState(
  main: Db,
  documentId: number,
  current: { status: DocumentStatus; note: string | null },
  coder: { status: DocumentStatus; note: string | null; name: string },
): boolean {
  const advance = rank(coder.status) > rank(current.status);
  let note = current.note;
  if (coder.note && !(current.note ?? '').includes(coder.note)) note = current.note ? `${current.note}\n\n[${coder.name}] ${coder.note}` : coder.note;
  if (!advance && note === current.note) return false;
  statement(main, 'UPDATE documents SET status = ?, note = ?, updated_at = ? WHERE id = ?').run(
    advance ? coder.status : current.status,
    note,
    nowIso(),
    documentId,
  );
  current.status = advance ? coder.status : current.status;
  current.note = note;
  return advance;
}

const STATUS_RANK = `CASE ? WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'done' THEN 2 ELSE 3 END`;

/** Records what the coder's file says of the document; like the document's own status, it only moves forward. */
export function recordCoderStatus(main: Db, documentId: number, annotatorId: number, status: DocumentStatus): void {
  statement(
    main,
    `INSERT INTO coder_statuses (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
       WHERE ${STATUS_RANK.replace('?', 'excluded.status')} > ${STATUS_RANK.replace('?', 'coder_statuses.status')}`,
  ).run(documentId, annotatorId, status, nowIso());
}
