// The kill -9 soak's expected state: what the server must hold after every acknowledged operation
// (spans, their undo/redo history, document status and title, labels). It is worked out here, apart
// from the server, so a restart that lost or half-applied a change cannot go unnoticed.
import type { HistoryState } from '../shared/api/annotations';
import type { AnnotationOrigin, DocumentStatus, Label, ReviewState } from '../shared/model';

export interface SpanState {
  id: number;
  documentId: number;
  start: number;
  end: number;
  labelId: number;
  reviewState: ReviewState;
  origin: AnnotationOrigin;
  attributes: Record<string, string>;
}

export type ChangeKind = 'create' | 'delete' | 'relabel' | 'resize' | 'attributes' | 'review';

interface HistoryEntry {
  kind: ChangeKind;
  before: SpanState | null;
  after: SpanState | null;
}

export interface DocumentState {
  id: number;
  text: string;
  status: DocumentStatus;
  title: string;
  /** Entries [0, done) are done, the rest undone (redo re-applies entries[done]). */
  history: HistoryEntry[];
  done: number;
}

/** What the soak checks of a label: the fields it edits. */
export type LabelState = Pick<Label, 'id' | 'key' | 'nameZh' | 'nameEn' | 'color' | 'hotkey' | 'order'>;

export interface ModelState {
  spans: Map<number, SpanState>;
  documents: Map<number, DocumentState>;
  labels: Map<number, LabelState>;
  /** Labels any span or history entry ever pointed at: deleting one would break an undo. */
  labelsEverUsed: Set<number>;
}

export const emptyModel = (): ModelState => ({ spans: new Map(), documents: new Map(), labels: new Map(), labelsEverUsed: new Set() });
export const cloneModel = (model: ModelState): ModelState => structuredClone(model);

/** The fields a span is compared on; timestamps and annotator are not part of an edit's effect. */
export function spanState(a: SpanState): SpanState {
  const attributes = Object.fromEntries(Object.entries(a.attributes).sort(([x], [y]) => (x < y ? -1 : 1)));
  return { id: a.id, documentId: a.documentId, start: a.start, end: a.end, labelId: a.labelId, reviewState: a.reviewState, origin: a.origin, attributes };
}

function requireDocument(model: ModelState, id: number): DocumentState {
  const doc = model.documents.get(id);
  if (!doc) throw new Error(`model: no document ${id}`);
  return doc;
}

function record(model: ModelState, documentId: number, entry: HistoryEntry): void {
  const doc = requireDocument(model, documentId);
  doc.history.length = doc.done; // a new change forgets the redo branch
  doc.history.push(entry);
  doc.done = doc.history.length;
  if (entry.after) model.labelsEverUsed.add(entry.after.labelId);
}

export function applyCreate(model: ModelState, span: SpanState): void {
  model.spans.set(span.id, spanState(span));
  record(model, span.documentId, { kind: 'create', before: null, after: spanState(span) });
  const doc = requireDocument(model, span.documentId);
  if (doc.status === 'todo') doc.status = 'in_progress';
}

export function applyUpdate(model: ModelState, id: number, kind: ChangeKind, patch: Partial<SpanState>): SpanState {
  const before = model.spans.get(id);
  if (!before) throw new Error(`model: no span ${id}`);
  const after = spanState({ ...before, ...patch });
  model.spans.set(id, after);
  record(model, before.documentId, { kind, before, after });
  return after;
}

export function applyDelete(model: ModelState, id: number): void {
  const before = model.spans.get(id);
  if (!before) throw new Error(`model: no span ${id}`);
  model.spans.delete(id);
  record(model, before.documentId, { kind: 'delete', before, after: null });
}

export interface Step {
  upserted: SpanState[];
  deletedIds: number[];
}

/** Undo reverts the last done entry, redo re-applies the first undone one; null when there is none. */
export function applyHistory(model: ModelState, documentId: number, direction: 'undo' | 'redo'): Step | null {
  const doc = requireDocument(model, documentId);
  const index = direction === 'undo' ? doc.done - 1 : doc.done;
  const entry = doc.history[index];
  if (!entry) return null;
  const target = direction === 'undo' ? entry.before : entry.after;
  const id = (entry.after ?? entry.before)!.id;
  doc.done = direction === 'undo' ? doc.done - 1 : doc.done + 1;
  if (!target) {
    model.spans.delete(id);
    return { upserted: [], deletedIds: [id] };
  }
  model.spans.set(id, target);
  return { upserted: [target], deletedIds: [] };
}

const DESCRIPTIONS: Record<ChangeKind, string> = {
  create: 'create span',
  delete: 'delete span',
  relabel: 'change label',
  resize: 'resize span',
  attributes: 'edit attributes',
  review: 'review span',
};

export function historyState(model: ModelState, documentId: number): HistoryState {
  const doc = requireDocument(model, documentId);
  const undo = doc.history[doc.done - 1];
  const redo = doc.history[doc.done];
  return {
    canUndo: !!undo,
    canRedo: !!redo,
    undoLabel: undo ? DESCRIPTIONS[undo.kind] : null,
    redoLabel: redo ? DESCRIPTIONS[redo.kind] : null,
    undoKind: undo ? undo.kind : null,
    redoKind: redo ? redo.kind : null,
  };
}

export function applyLabelCreate(model: ModelState, label: LabelState): void {
  model.labels.set(label.id, { ...label });
}

export function applyLabelUpdate(model: ModelState, id: number, patch: Partial<LabelState>): void {
  model.labels.set(id, { ...model.labels.get(id)!, ...patch });
}

export function applyLabelDelete(model: ModelState, id: number): void {
  model.labels.delete(id);
}

export function applyLabelReorder(model: ModelState, ids: number[]): void {
  ids.forEach((id, order) => applyLabelUpdate(model, id, { order }));
}

export const nextLabelOrder = (model: ModelState): number => Math.max(-1, ...[...model.labels.values()].map((l) => l.order)) + 1;

export const spansOf = (model: ModelState, documentId: number): SpanState[] =>
  [...model.spans.values()].filter((s) => s.documentId === documentId).sort((a, b) => a.id - b.id);

/** What the server shows of one document: its spans, status, title, span count and undo/redo state. */
export interface DocumentView {
  spans: SpanState[];
  status: DocumentStatus;
  title: string;
  spanCount: number;
  history: HistoryState;
}

export function documentView(model: ModelState, documentId: number): DocumentView {
  const doc = requireDocument(model, documentId);
  const spans = spansOf(model, documentId);
  return { spans, status: doc.status, title: doc.title, spanCount: spans.length, history: historyState(model, documentId) };
}

export const labelsView = (model: ModelState): LabelState[] => [...model.labels.values()].sort((a, b) => a.order - b.order || a.id - b.id);
