// The operation log behind persistent undo/redo. Each row stores a span before and after one change
// (null before = created, null after = deleted), or for 'document_note' the document's note before
// and after ({"note": …}), or for the relation kinds a relation before and after (#23); a span's
// delete also stores the relations that went with it. Undone rows form a suffix of a document's history.
import type { Relation } from '../../../shared/api/entities';
import type { HistoryKind } from '../../../shared/api/annotations';
import type { Annotation } from '../../../shared/model';
import type { Db } from './connection';
import { nowIso, statement } from './connection';

/** The kinds of change the log records: the history's kinds, one for one. */
export type OperationKind = HistoryKind;

const RELATION_KINDS: ReadonlySet<OperationKind> = new Set(['relation_create', 'relation_delete', 'relation_review']);
export const isRelationKind = (kind: OperationKind): boolean => RELATION_KINDS.has(kind);

export interface OperationRow {
  id: number;
  document_id: number;
  kind: OperationKind;
  before_json: string | null;
  after_json: string | null;
  batch_id: number | null;
}

export interface Operation {
  id: number;
  documentId: number;
  kind: OperationKind;
  before: Annotation | null;
  after: Annotation | null;
  /** Set for 'document_note' (before and after are then null): the document's note before and after. */
  notes?: { before: string; after: string };
  /** The label-all batch (migration 011) or link batch (014) that logged it: a document's run of one batch's changes is one undo step. */
  batchId: number | null;
  /** Set for the relation kinds (before and after are then null): the relation before and after. */
  relation?: { before: Relation | null; after: Relation | null };
  /** A span's delete: the relations that went with it, which its undo puts back. */
  removedRelations?: Relation[];
}

/** A span's JSON in the log; a deleted span's carries the relations deleted with it under `relations`. */
function spanOf(json: string | null): { span: Annotation | null; relations: Relation[] } {
  if (!json) return { span: null, relations: [] };
  const { relations, ...span } = JSON.parse(json) as Annotation & { relations?: Relation[] };
  return { span, relations: relations ?? [] };
}

const noteOf = (json: string | null): string => (json ? String((JSON.parse(json) as { note?: unknown }).note ?? '') : '');

function toOperation(row: OperationRow): Operation {
  if (isRelationKind(row.kind)) {
    const parse = (json: string | null) => (json ? (JSON.parse(json) as Relation) : null);
    return {
      id: row.id,
      documentId: row.document_id,
      kind: row.kind,
      before: null,
      after: null,
      relation: { before: parse(row.before_json), after: parse(row.after_json) },
      batchId: row.batch_id ?? null,
    };
  }
  if (row.kind !== 'document_note') {
    const before = spanOf(row.before_json);
    return {
      id: row.id,
      documentId: row.document_id,
      kind: row.kind,
      before: before.span,
      after: spanOf(row.after_json).span,
      batchId: row.batch_id ?? null,
      ...(before.relations.length > 0 ? { removedRelations: before.relations } : {}),
    };
  }
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    before: null,
    after: null,
    notes: { before: noteOf(row.before_json), after: noteOf(row.after_json) },
    batchId: null,
  };
}

/** Records a change and forgets the redo branch it replaces; `batchId`: the label-all batch it is part of. */
export function recordOperation(
  db: Db,
  documentId: number,
  kind: OperationKind,
  before: Annotation | null,
  after: Annotation | null,
  batchId: number | null = null,
  removedRelations: readonly Relation[] = [],
): void {
  statement(db, 'DELETE FROM operations WHERE document_id = ? AND undone = 1').run(documentId);
  const stored = before && removedRelations.length > 0 ? { ...before, relations: removedRelations } : before;
  statement(db, 'INSERT INTO operations (document_id, kind, before_json, after_json, created_at, batch_id) VALUES (?, ?, ?, ?, ?, ?)').run(
    documentId,
    kind,
    stored ? JSON.stringify(stored) : null,
    after ? JSON.stringify(after) : null,
    nowIso(),
    batchId,
  );
}

/** Records a relation's creation (before null), deletion (after null) or review, undoable like a span's. */
export function recordRelationOperation(db: Db, documentId: number, kind: OperationKind, before: Relation | null, after: Relation | null): void {
  statement(db, 'DELETE FROM operations WHERE document_id = ? AND undone = 1').run(documentId);
  statement(db, 'INSERT INTO operations (document_id, kind, before_json, after_json, created_at) VALUES (?, ?, ?, ?, ?)').run(
    documentId,
    kind,
    before ? JSON.stringify(before) : null,
    after ? JSON.stringify(after) : null,
    nowIso(),
  );
}

/** Records the spans one label-all batch created in a document, one change each, forgetting the redo branch once. */
export function recordBatchCreations(db: Db, documentId: number, spans: readonly Annotation[], batchId: number): void {
  statement(db, 'DELETE FROM operations WHERE document_id = ? AND undone = 1').run(documentId);
  const insert = statement(db, 'INSERT INTO operations (document_id, kind, before_json, after_json, created_at, batch_id) VALUES (?, ?, NULL, ?, ?, ?)');
  const now = nowIso();
  for (const span of spans) insert.run(documentId, 'create', JSON.stringify(span), now, batchId);
}

/** Records an edit of the document's own note, undoable like a span edit. */
export function recordDocumentNoteOperation(db: Db, documentId: number, before: string, after: string): void {
  statement(db, 'DELETE FROM operations WHERE document_id = ? AND undone = 1').run(documentId);
  statement(db, 'INSERT INTO operations (document_id, kind, before_json, after_json, created_at) VALUES (?, ?, ?, ?, ?)').run(
    documentId,
    'document_note',
    JSON.stringify({ note: before }),
    JSON.stringify({ note: after }),
    nowIso(),
  );
}

export function lastDoneOperation(db: Db, documentId: number): Operation | null {
  const row = statement(db, 'SELECT * FROM operations WHERE document_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1').get(documentId) as
    OperationRow | undefined;
  return row ? toOperation(row) : null;
}

export function firstUndoneOperation(db: Db, documentId: number): Operation | null {
  const row = statement(db, 'SELECT * FROM operations WHERE document_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1').get(documentId) as
    OperationRow | undefined;
  return row ? toOperation(row) : null;
}

/**
 * The changes one undo step reverts, last first: the last done change or, when a label-all batch
 * logged it, the run of that batch's changes of the same kind ending the document's history.
 */
export function lastDoneStep(db: Db, documentId: number): Operation[] {
  const last = lastDoneOperation(db, documentId);
  if (!last || last.batchId === null) return last ? [last] : [];
  const rows = statement(
    db,
    `SELECT * FROM operations WHERE document_id = @documentId AND undone = 0 AND batch_id = @batchId AND kind = @kind
       AND id > (SELECT coalesce(max(id), 0) FROM operations WHERE document_id = @documentId AND undone = 0
                   AND NOT (batch_id IS @batchId AND kind = @kind))
     ORDER BY id DESC`,
  ).all({ documentId, batchId: last.batchId, kind: last.kind }) as OperationRow[];
  return rows.map(toOperation);
}

/** The changes one redo step re-applies, first first: lastDoneStep's counterpart. */
export function firstUndoneStep(db: Db, documentId: number): Operation[] {
  const first = firstUndoneOperation(db, documentId);
  if (!first || first.batchId === null) return first ? [first] : [];
  const rows = statement(
    db,
    `SELECT * FROM operations WHERE document_id = @documentId AND undone = 1 AND batch_id = @batchId AND kind = @kind
       AND id < (SELECT coalesce(min(id), 9223372036854775807) FROM operations WHERE document_id = @documentId AND undone = 1
                   AND NOT (batch_id IS @batchId AND kind = @kind))
     ORDER BY id ASC`,
  ).all({ documentId, batchId: first.batchId, kind: first.kind }) as OperationRow[];
  return rows.map(toOperation);
}

/** A batch's changes of one kind in every document, in log order (entities:undoLink takes a link batch back as a whole). */
export function batchOperations(db: Db, batchId: number, kind: OperationKind): Operation[] {
  const rows = statement(db, 'SELECT * FROM operations WHERE batch_id = ? AND kind = ? ORDER BY id').all(batchId, kind) as OperationRow[];
  return rows.map(toOperation);
}

export function setUndone(db: Db, operationId: number, undone: boolean): void {
  statement(db, 'UPDATE operations SET undone = ? WHERE id = ?').run(undone ? 1 : 0, operationId);
}

/**
 * Before a label is deleted: the history that could bring a span with it back is forgotten, per
 * document up to its last change that mentions the label, and the redo branch with it (undoing
 * that far would re-insert a span whose label no longer exists). Returns how many changes went.
 */
export function forgetHistoryOfLabel(db: Db, labelId: number): number {
  return statement(
    db,
    `WITH mentions AS (
      SELECT document_id, MAX(id) AS last FROM operations
      WHERE json_extract(before_json, '$.labelId') = @label OR json_extract(after_json, '$.labelId') = @label
      GROUP BY document_id)
    DELETE FROM operations WHERE id IN (
      SELECT o.id FROM operations o JOIN mentions m ON m.document_id = o.document_id WHERE o.id <= m.last OR o.undone = 1)`,
  ).run({ label: labelId }).changes;
}
