// The open document's entity links and relations (#23): its relations (fetched once the reader is
// idle after opening, and again whenever its undo history moved, so undo, redo and a span deleted with its relations show), the
// project's relation types, the entities its linked spans point to, and the proposal for the
// selected span. Panels and the reader's relation layer subscribe; nothing here runs on a keypress.
import type { EntityProposals, EntitySummary, LinkResult, Relation, RelationType } from '../../../shared/api/entities';
import type { HistoryState } from '../../../shared/api/annotations';
import type { Annotation, ReviewState } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import type { DocSession } from '../state/docSession';
import { RelationPicker, type PickerHooks } from './relationPicker';
import { partnerKeys, typesBetween, type TypeOption } from './relationTargets';

/** After the history changed, this long before the relations are asked for again (a burst of keys asks once). */
const REFRESH_DELAY_MS = 120;
/** The longest the prefetch after opening waits for the reader to be idle. */
const PREFETCH_TIMEOUT_MS = 1500;

export class EntityState {
  relations: Relation[] = [];
  types: RelationType[] = [];
  /** The last link-identical batch of this document, for its Undo button (entities:undoLink takes the whole batch back). */
  lastBatch: { batchId: number; linked: number; documents: number; undone: boolean } | null = null;
  version = 0;
  /** Picking a relation's target and type (R), or null. */
  picker: RelationPicker | null = null;
  /** The span the pointer is over in the reader: its relations are drawn as arcs too. */
  hoveredIds: number[] = [];
  private bySpan = new Map<number, Relation[]>();
  private readonly entities = new Map<number, EntitySummary>();
  private readonly asked = new Set<number>();
  private readonly proposals = new Map<number, EntityProposals | Promise<EntityProposals>>();
  private readonly proposalErrors = new Map<number, string>();
  private readonly listeners = new Set<() => void>();
  readonly hoverListeners = new Set<() => void>();
  private seenHistory: HistoryState | null = null;
  private loading: Promise<unknown> | null = null;
  private timer = 0;
  private disposed = false;
  private readonly unsubscribe: () => void;
  /** The label editor changed the relation types: the picker and the lists ask for them again. */
  private readonly onTypesChanged = () => {
    if (this.loading) void this.loadTypes();
  };

  constructor(readonly session: DocSession) {
    window.addEventListener(RELATION_TYPES_CHANGED_EVENT, this.onTypesChanged);
    this.unsubscribe = session.subscribe(() => {
      // Every write ends with a new history state (undo, redo, a delete that took relations with it).
      if (session.history !== this.seenHistory) {
        this.seenHistory = session.history;
        if (this.loading) this.schedule();
      }
      this.bump();
    });
  }

  /**
   * Relations and their types are no part of the first screen, so opening does not wait for them:
   * they are asked for when the reader is first idle (prefetchWhenIdle), or sooner when first needed
   * (a span selected or hovered, R). Either way once; later changes refresh them (schedule).
   */
  private ensureLoaded(): Promise<unknown> {
    this.loading ??= Promise.all([this.refresh(), this.loadTypes()]);
    return this.loading;
  }

  /**
   * Asks for the relations once the open document's first frames are done and the page is idle, so
   * the first click on a span draws from them instead of waiting for a fetch of every relation.
   * Answers the cancel for the reader's cleanup.
   */
  prefetchWhenIdle(): () => void {
    if (this.loading || this.disposed) return () => undefined;
    const idle = requestIdleCallback(
      () => {
        if (!this.disposed) void this.ensureLoaded();
      },
      { timeout: PREFETCH_TIMEOUT_MS },
    );
    return () => cancelIdleCallback(idle);
  }

  /** Resolves once the relations and their types are here (R waits for them). */
  ready(): Promise<unknown> {
    return this.ensureLoaded();
  }

  /** Starts drawing a relation from this span (R); false when no type lets its label take part. */
  startRelation(from: Annotation, hooks: PickerHooks): boolean {
    this.picker?.cancel();
    this.picker = new RelationPicker(this, hooks);
    return this.picker.start(from);
  }

  pickerChanged(): void {
    this.bump();
  }

  setHovered(ids: number[]): void {
    if (ids.length === this.hoveredIds.length && ids.every((id, i) => id === this.hoveredIds[i])) return;
    this.hoveredIds = ids;
    // Only the arcs follow the pointer: panels are not re-rendered for it.
    for (const fn of this.hoverListeners) fn();
  }

  dispose(): void {
    this.disposed = true;
    this.picker?.cancel();
    clearTimeout(this.timer);
    window.removeEventListener(RELATION_TYPES_CHANGED_EVENT, this.onTypesChanged);
    this.unsubscribe();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private bump(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    const list = await callOrThrow('relations:forDocument', { documentId: this.session.doc.id }).catch(() => null);
    if (!list || this.disposed) return;
    this.setRelations(list);
  }

  async loadTypes(): Promise<void> {
    const types = await callOrThrow('relationTypes:list', {}).catch(() => null);
    if (!types || this.disposed) return;
    this.types = types;
    this.bump();
  }

  private setRelations(list: Relation[]): void {
    this.relations = list;
    this.bySpan = new Map();
    for (const r of list) {
      for (const end of [r.fromId, r.toId]) {
        const at = this.bySpan.get(end);
        if (at) at.push(r);
        else this.bySpan.set(end, [r]);
      }
    }
    this.bump();
  }

  /** Relations with both ends among the spans shown (a span deleted a moment ago takes its relations from view at once). */
  visibleRelations(): Relation[] {
    void this.ensureLoaded();
    return this.relations.filter((r) => this.session.spanById(r.fromId) && this.session.spanById(r.toId));
  }

  relationsOf(spanId: number): Relation[] {
    void this.ensureLoaded();
    return (this.bySpan.get(spanId) ?? []).filter((r) => this.session.spanById(r.fromId) && this.session.spanById(r.toId));
  }

  typeOf(r: Relation): RelationType | undefined {
    void this.ensureLoaded();
    return this.types.find((t) => t.id === r.typeId);
  }

  /** Types allowed between two labels (by key): forward (a → b) first, then those that go b → a. */
  typesBetween(a: string, b: string): TypeOption[] {
    return typesBetween(this.types, a, b);
  }

  /** Label keys a span of this label can be related to, in either direction. */
  partnerKeys(labelKey: string): Set<string> {
    void this.ensureLoaded();
    return partnerKeys(this.types, labelKey);
  }

  async createRelation(typeId: number, fromId: number, toId: number): Promise<Relation> {
    const created = await callOrThrow('relations:create', { documentId: this.session.doc.id, typeId, fromId, toId });
    const { history, ...relation } = created;
    this.setRelations([...this.relations.filter((r) => r.id !== relation.id), relation]);
    this.session.adopt([], history);
    return relation;
  }

  async deleteRelation(id: number): Promise<void> {
    const { history } = await callOrThrow('relations:delete', { id });
    this.setRelations(this.relations.filter((r) => r.id !== id));
    this.session.adopt([], history);
  }

  async reviewRelation(id: number, reviewState: ReviewState): Promise<void> {
    const updated = await callOrThrow('relations:review', { id, reviewState });
    this.setRelations(this.relations.map((r) => (r.id === id ? updated : r)));
    this.session.adopt([]);
  }

  /** The entity a span is linked to, once fetched (asked for on first use). */
  entity(id: number): EntitySummary | undefined {
    const known = this.entities.get(id);
    if (!known && !this.asked.has(id)) {
      this.asked.add(id);
      void callOrThrow('entities:get', { id, mentionLimit: 1 }).then(
        (e) => this.rememberEntity(e),
        () => undefined,
      );
    }
    return known;
  }

  rememberEntity(e: EntitySummary): void {
    this.entities.set(e.id, e);
    this.bump();
  }

  /** Entities changed in the panel (or by a link): names and proposals are asked for again; moved links reload the spans. */
  onEntitiesChanged(spansMoved: boolean): void {
    this.forgetEntities();
    if (spansMoved) void this.session.resync();
  }

  /** Forgets what is known of entities and proposals (after a rename, merge or split in the panel). */
  forgetEntities(): void {
    this.entities.clear();
    this.asked.clear();
    this.proposals.clear();
    this.bump();
  }

  /** What the selected span would be linked to: cached per span, fetched once. */
  proposal(span: Annotation): EntityProposals | undefined {
    const p = this.proposals.get(span.id);
    if (p && !(p instanceof Promise)) return p;
    if (!p && span.id > 0 && !this.proposalErrors.has(span.id)) {
      void this.propose(span).catch((e: unknown) => {
        // Said once in the span detail, not asked again on every render.
        this.proposalErrors.set(span.id, e instanceof Error ? e.message : String(e));
        this.bump();
      });
    }
    return undefined;
  }

  /** Why the proposal for a span could not be made, if it could not. */
  proposalError(spanId: number): string | undefined {
    return this.proposalErrors.get(spanId);
  }

  propose(span: Annotation): Promise<EntityProposals> {
    const known = this.proposals.get(span.id);
    if (known) return Promise.resolve(known);
    const asked = callOrThrow('entities:propose', { annotationId: span.id }).then((p) => {
      this.proposals.set(span.id, p);
      for (const c of p.candidates) this.entities.set(c.entity.id, c.entity);
      this.bump();
      return p;
    });
    asked.catch(() => this.proposals.delete(span.id));
    this.proposals.set(span.id, asked);
    return asked;
  }

  /** Links the span to its proposed entity, or to a new one named after it (the title kept as its role). */
  async linkProposed(span: Annotation): Promise<EntitySummary> {
    const p = await this.propose(span);
    const best = p.candidates[0];
    if (best) {
      await this.linkTo([span.id], best.entity.id, best.role ?? undefined);
      return best.entity;
    }
    const created = await callOrThrow('entities:create', {
      labelId: span.labelId,
      name: p.name,
      annotationIds: [span.id],
      ...(p.role ? { role: p.role } : {}),
    });
    this.rememberEntity(created.entity);
    if (created.link) this.adoptLink(created.link);
    return created.entity;
  }

  async linkTo(annotationIds: number[], entityId: number | null, role?: string): Promise<LinkResult> {
    const result = await callOrThrow('entities:link', { annotationIds, entityId, ...(role !== undefined ? { role } : {}) });
    this.adoptLink(result);
    return result;
  }

  /** Every unlinked span with the same text and label, corpus-wide, linked to this span's entity: one batch. */
  async linkIdentical(span: Annotation): Promise<LinkResult> {
    const result = await callOrThrow('entities:linkIdentical', { annotationId: span.id });
    this.adoptLink(result);
    if (result.batchId !== null) this.lastBatch = { batchId: result.batchId, linked: result.linked, documents: result.documentIds.length, undone: false };
    this.bump();
    return result;
  }

  async undoLastBatch(): Promise<void> {
    const batch = this.lastBatch;
    if (!batch) return;
    const result = await callOrThrow(batch.undone ? 'entities:redoLink' : 'entities:undoLink', { batchId: batch.batchId });
    this.adoptLink(result);
    this.lastBatch = { ...batch, undone: !batch.undone };
    this.bump();
  }

  /** Spans a link call changed: this document's are shown at once; entity counts are asked for again. */
  adoptLink(result: LinkResult): void {
    const mine = result.upserted.filter((a) => a.documentId === this.session.doc.id);
    if (mine.length > 0) this.session.adopt(mine);
    for (const a of result.upserted) {
      this.proposals.delete(a.id);
      this.proposalErrors.delete(a.id);
    }
    // Mention counts changed: the cached summaries are stale and are asked for again when shown.
    this.entities.clear();
    this.asked.clear();
    entitiesChanged(false);
    this.bump();
  }
}

/** Relation types were created, changed or deleted (the label editor): open documents ask for them again. */
export const RELATION_TYPES_CHANGED_EVENT = 'biaozhu:relation-types-changed';

/** Entities were linked, merged, split or renamed: the entity panel reloads its page, the open document forgets what it knew. */
export const ENTITIES_CHANGED_EVENT = 'biaozhu:entities-changed';

/** Says entities changed; `spansMoved`: spans now point to other entities (merge, split, delete), so the open document reloads its spans. */
export function entitiesChanged(spansMoved: boolean): void {
  window.dispatchEvent(new CustomEvent(ENTITIES_CHANGED_EVENT, { detail: { spansMoved } }));
}

const states = new WeakMap<DocSession, EntityState>();

export function entitiesOf(session: DocSession): EntityState {
  let s = states.get(session);
  if (!s) {
    s = new EntityState(session);
    states.set(session, s);
  }
  return s;
}

/** The state if one was made (commands ask without making one). */
export function existingEntities(session: DocSession | null): EntityState | null {
  return session ? (states.get(session) ?? null) : null;
}
