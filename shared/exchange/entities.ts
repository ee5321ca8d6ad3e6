// Entity links and relations in the exchange formats (#23): what every format that carries them
// shares — which relations an export can write, entity records as JSON, and reading both back
// into drafts (a DraftRelation names its spans by the file's own span ids, DraftSpan.ref).
import type { DocumentDraft, DraftEntity, DraftRelation } from '../api/import';
import { ENTITY_FIELDS, type EntityFields } from '../api/entities';
import { REVIEW_STATES } from '../model';
import { isRecord } from './common';
import { coded, type CodedProblem } from './problems';
import type { DraftSpan, ExportDocument, ExportEntity, ExportRelation } from './types';

/** The document's relations whose two spans are both written (a relation never points at a span the file lacks). */
export function writtenRelations(doc: ExportDocument, writtenSpanIds: Iterable<number>): ExportRelation[] {
  if (!doc.relations?.length) return [];
  const written = new Set(writtenSpanIds);
  return doc.relations.filter((r) => written.has(r.fromId) && written.has(r.toId)).sort((a, b) => a.id - b.id);
}

/** Fields with a value only, in ENTITY_FIELDS order: equal fields are equal JSON. */
export function setFields(fields: EntityFields | undefined): EntityFields {
  const kept: EntityFields = {};
  for (const key of ENTITY_FIELDS) if (fields?.[key]) kept[key] = fields[key];
  return kept;
}

/** An entity as Biaozhu JSONL writes it in its entity table record. */
export const entityJson = (e: ExportEntity): Record<string, unknown> => ({
  id: e.id,
  name: e.name,
  label: e.label,
  aliases: [...e.aliases].sort(),
  fields: setFields(e.fields),
  note: e.note,
});

const MAX_NAME = 200;
const nameOk = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_NAME;

/** An entity record read back (name and label required); null when it is not one. */
export function draftEntityOf(raw: unknown): DraftEntity | null {
  if (!isRecord(raw) || !nameOk(raw.name) || typeof raw.label !== 'string' || raw.label === '') return null;
  const entity: DraftEntity = { name: raw.name.trim(), label: raw.label };
  const aliases = Array.isArray(raw.aliases) ? raw.aliases.filter(nameOk).map((a) => a.trim()) : [];
  if (aliases.length > 0) entity.aliases = [...new Set(aliases)].sort();
  if (isRecord(raw.fields)) {
    const fields: EntityFields = {};
    for (const key of ENTITY_FIELDS) {
      const value = raw.fields[key];
      if (typeof value === 'string' && value.trim() !== '') fields[key] = value.trim().slice(0, MAX_NAME);
    }
    if (Object.keys(fields).length > 0) entity.fields = fields;
  }
  if (typeof raw.note === 'string' && raw.note !== '') entity.note = raw.note.slice(0, 5000);
  return entity;
}

/**
 * A relation record read back: {type, from, to, annotator?, review_state?, created_at?}, from and to
 * naming spans by their id in the same file; the problem says what is wrong otherwise.
 */
export function draftRelationOf(raw: unknown, line: number | undefined): DraftRelation | CodedProblem {
  if (!isRecord(raw)) return coded('relation_bad', 'a relation is not an object; skipped', { relation: JSON.stringify(raw) ?? '' });
  const ref = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null);
  const from = ref(raw.from);
  const to = ref(raw.to);
  if (typeof raw.type !== 'string' || /^\s*$|\s/u.test(raw.type) || from === null || to === null) {
    const relation = JSON.stringify(raw).slice(0, 200);
    return coded('relation_bad', `relation ${relation} needs a type (no spaces) and the ids of its two spans; skipped`, { relation });
  }
  const relation: DraftRelation = { type: raw.type, from, to };
  if (typeof raw.annotator === 'string' && raw.annotator) relation.annotator = raw.annotator;
  const review = REVIEW_STATES.find((s) => s === raw.review_state);
  if (review) relation.reviewState = review;
  if (typeof raw.created_at === 'string' && !Number.isNaN(Date.parse(raw.created_at))) relation.createdAt = raw.created_at;
  if (line !== undefined) relation.line = line;
  return relation;
}

/**
 * Keeps the draft's relations whose two spans it has (by ref) and reports the others: a span
 * skipped as malformed takes its relations with it, said once per relation. A draft without
 * relations loses its spans' refs: nothing names them, and drafts stay as they were before #23.
 */
export function keepRelationsWithSpans(draft: DocumentDraft, report: (problem: CodedProblem, line?: number) => void): void {
  if (!draft.relations?.length) {
    delete draft.relations;
    for (const span of draft.spans) delete span.ref;
    return;
  }
  const refs = new Set(draft.spans.flatMap((s: DraftSpan) => (s.ref === undefined ? [] : [s.ref])));
  draft.relations = draft.relations.filter((r) => {
    const missing = [r.from, r.to].find((ref) => !refs.has(ref));
    if (missing === undefined) return true;
    report(
      coded('relation_unknown_span', `relation ${r.type} ${r.from}→${r.to} names span ${missing}, which the document does not have; skipped`, {
        type: r.type,
        span: missing,
      }),
      r.line,
    );
    return false;
  });
}
