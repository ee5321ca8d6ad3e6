import { z } from 'zod';
import { ANNOTATION_ORIGINS, REVIEW_STATES, type Annotation, type DocumentSummary } from '../model';
import type { Relation } from './entities';
import { leadTimeMs } from './timing';

const id = z.number().int().positive();
const offset = z.number().int().min(0);
const attributes = z.record(z.string().max(100), z.string().max(2000));

export const annotationsInputs = {
  'annotations:list': z.object({ documentId: id }).strict(),
  'annotations:create': z
    .object({
      documentId: id,
      start: offset,
      end: offset,
      labelId: id,
      attributes: attributes.optional(),
      origin: z.enum(ANNOTATION_ORIGINS).optional(),
      /** Active ms the coder spent before this span (#24 timing); only for a span made by one coder action. */
      leadTimeMs: leadTimeMs.optional(),
    })
    .strict(),
  'annotations:update': z
    .object({
      id,
      labelId: id.optional(),
      start: offset.optional(),
      end: offset.optional(),
      attributes: attributes.optional(),
      reviewState: z.enum(REVIEW_STATES).optional(),
      /** Free text; '' removes the note. */
      note: z.string().max(5000).optional(),
    })
    .strict(),
  'annotations:delete': z.object({ id }).strict(),
  'history:undo': z.object({ documentId: id }).strict(),
  'history:redo': z.object({ documentId: id }).strict(),
  'history:state': z.object({ documentId: id }).strict(),
};

type In<K extends keyof typeof annotationsInputs> = z.input<(typeof annotationsInputs)[K]>;

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** What undo would revert / redo would re-apply, for tooltips. */
  undoLabel: string | null;
  redoLabel: string | null;
  /** The same as kinds, for the UI to word in the user's language. */
  undoKind?: HistoryKind | null;
  redoKind?: HistoryKind | null;
}

/** What kind of change an undo or redo step reverted or re-applied. */
export type HistoryKind =
  | 'create'
  | 'delete'
  | 'relabel'
  | 'resize'
  | 'attributes'
  | 'note'
  | 'review'
  | 'document_note'
  /** Entities (#23): spans linked to an entity or unlinked; a relation created, deleted or reviewed. */
  | 'link'
  | 'relation_create'
  | 'relation_delete'
  | 'relation_review';

/** What an undo or redo changed, so the editor can patch itself without reloading. */
export interface HistoryStep extends HistoryState {
  /** In English, for logs; the UI names the step by kind and spanText. */
  description: string;
  kind: HistoryKind;
  /** The text of the span the step touched, as the step leaves it (as it was, when the step removes it). */
  spanText: string;
  upserted: Annotation[];
  deletedIds: number[];
  /** Set by a 'document_note' step: the document's note as the step leaves it. */
  documentNote?: string;
  /** Relations the step put back or changed, and removed (a span's delete takes its relations with it; #23). */
  relations?: { upserted: Relation[]; deletedIds: number[] };
}

/**
 * What annotations:create answers: the span, and what the write changed around it, so the editor
 * needs no second request after a label key.
 */
export interface CreatedAnnotation extends Annotation {
  /** Undo/redo after the write. */
  history: HistoryState;
  /** The document's list row when the write changed its status (a to-do document's first span makes it in progress); else null. */
  document: DocumentSummary | null;
}

export type AnnotationsApi = {
  'annotations:list': (a: In<'annotations:list'>) => Promise<Annotation[]>;
  'annotations:create': (a: In<'annotations:create'>) => Promise<CreatedAnnotation>;
  'annotations:update': (a: In<'annotations:update'>) => Promise<Annotation>;
  'annotations:delete': (a: In<'annotations:delete'>) => Promise<{ id: number }>;
  'history:undo': (a: In<'history:undo'>) => Promise<HistoryStep | null>;
  'history:redo': (a: In<'history:redo'>) => Promise<HistoryStep | null>;
  'history:state': (a: In<'history:state'>) => Promise<HistoryState>;
};
