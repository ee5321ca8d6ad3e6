// One open document: its spans, the selected span, and every change to them. Changes are shown at
// once (optimistically) and written through a serial queue, so a burst of keypresses is applied in
// order and a span created a moment ago can be resized before the server has answered.
import { api, callOrThrow } from '../api/client';
import type { HistoryState, HistoryStep } from '../../../shared/api/annotations';
import { NO_HISTORY, sameHistory } from './historyState';
import type { Annotation, DocumentDetail, DocumentStatus } from '../../../shared/model';
import type { ReaderController, SpanChange } from '../reader/readerController';
import { startDocumentTimer, type DocumentTimer } from './activityClock';

export type SpanPatch = Partial<Pick<Annotation, 'labelId' | 'start' | 'end' | 'attributes' | 'reviewState' | 'note'>>;

export interface SessionDeps {
  annotator: () => string;
  /** The open project's file: timing reports name it, so none is counted in a project opened since (#24). */
  projectPath?: string;
  onError: (message: string) => void;
  onDocument: (doc: DocumentDetail) => void;
}

/** Panels follow the reader this long after its frame, leaving the frame itself to the text. */
const PANEL_DELAY_MS = 24;

export class DocSession {
  /** The spans this coder may edit: their own (or, in a document only one coder has spans in, that coder's). */
  readonly anns = new Map<number, Annotation>();
  /** Other coders' spans: shown read-only, per coder, when their layer is on (CoderLayers.tsx). */
  readonly others = new Map<number, Annotation>();
  readonly shownCoders = new Set<string>();
  selectedId: number | null = null;
  history: HistoryState = NO_HISTORY;
  view: ReaderController | null = null;
  version = 0;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();
  private readonly realIds = new Map<number, number>();
  private nextTemp = -1;
  private pending = 0;
  private emitScheduled = false;
  /** The last write's answer held the undo state (creates and undo/redo steps do), so there is nothing to ask. */
  private historyKnown = false;
  private docChanged = false;
  private disposed = false;
  /** The coder's active time on this document and before each span (#24 timing). */
  readonly timer: DocumentTimer;

  constructor(
    public doc: DocumentDetail,
    annotations: Annotation[],
    private readonly deps: SessionDeps,
  ) {
    this.timer = startDocumentTimer(doc.id, (input) => api.call('timing:record', { ...input, project: deps.projectPath }));
    this.splitLayers(annotations);
    void this.refreshHistory();
  }

  /**
   * My spans go to `anns`, other coders' to `others`. A document whose spans are all one other
   * coder's (pre-annotations imported under another name) keeps them editable, as before layers.
   */
  private splitLayers(annotations: Annotation[]): void {
    const me = this.deps.annotator();
    const coders = new Set(annotations.map((a) => a.annotator));
    const layered = coders.size > 1 || coders.has(me);
    for (const a of annotations) (layered && a.annotator !== me ? this.others : this.anns).set(a.id, a);
  }

  /** Other coders with spans here, with their span counts, by name. */
  otherCoders(): { name: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const a of this.others.values()) counts.set(a.annotator, (counts.get(a.annotator) ?? 0) + 1);
    return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Shows or hides one other coder's spans (read-only) in the reader. */
  toggleCoder(name: string, on: boolean): void {
    if (this.shownCoders.has(name) === on) return;
    if (on) this.shownCoders.add(name);
    else this.shownCoders.delete(name);
    const changes: SpanChange[] = [];
    for (const a of this.others.values()) if (a.annotator === name) changes.push(on ? { after: a } : { before: a });
    this.view?.applyChanges(changes);
    this.emit();
  }

  /** What the reader draws: my spans and the spans of the coders whose layer is on. */
  *visibleSpans(): Iterable<Annotation> {
    yield* this.anns.values();
    for (const a of this.others.values()) if (this.shownCoders.has(a.annotator)) yield a;
  }

  /** Any span drawn in the reader, mine or another coder's. */
  spanById(id: number): Annotation | undefined {
    return this.anns.get(id) ?? this.others.get(id);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  get selected(): Annotation | null {
    return this.selectedId === null ? null : (this.anns.get(this.selectedId) ?? null);
  }

  /** Spans in reading order. */
  ordered(): readonly Annotation[] {
    const drawn = this.view?.index.ordered();
    // Other coders' spans are drawn but never stepped to or selected.
    if (drawn) return this.shownCoders.size === 0 ? drawn : drawn.filter((a) => this.anns.has(a.id));
    return [...this.anns.values()].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
  }

  select(id: number | null, scroll = false): void {
    const prev = this.selectedId;
    this.selectedId = id !== null && this.anns.has(id) ? id : null;
    const touched = [prev, this.selectedId].filter((x): x is number => x !== null);
    this.view?.repaint(touched);
    const span = this.selected;
    if (span && scroll) this.view?.scrollToOffset(span.start, 'nearest');
    this.emit();
  }

  /** This coder's span with this label on exactly these characters: pressing the key again selects it instead of doubling it. */
  findSame(start: number, end: number, labelId: number): Annotation | null {
    const annotator = this.deps.annotator();
    for (const a of this.anns.values()) if (a.start === start && a.end === end && a.labelId === labelId && a.annotator === annotator) return a;
    return null;
  }

  create(start: number, end: number, labelId: number): Annotation {
    const now = new Date().toISOString();
    const temp: Annotation = {
      id: this.nextTemp--,
      documentId: this.doc.id,
      start,
      end,
      labelId,
      annotator: this.deps.annotator(),
      origin: 'manual',
      reviewState: 'pending',
      attributes: {},
      note: '',
      createdAt: now,
      updatedAt: now,
    };
    const leadTimeMs = this.timer.takeLeadTime();
    this.apply([{ after: temp }]);
    this.select(temp.id);
    this.enqueue(async () => {
      // One request: the answer also holds the undo state and, if it changed, the document's status.
      const { history, document, ...real } = await callOrThrow('annotations:create', { documentId: this.doc.id, start, end, labelId, leadTimeMs });
      this.realIds.set(temp.id, real.id);
      this.history = history;
      this.historyKnown = true;
      // The span count is ours: spans pressed since this request are already counted.
      if (document) this.patchDocument({ ...document, spanCount: this.anns.size + this.others.size });
      this.adoptServerId(temp.id, real);
    });
    return temp;
  }

  /** The span created as `tempId` is `real` on the server: same marks, renamed (no paragraph rebuilt). */
  private adoptServerId(tempId: number, real: Annotation): void {
    const current = this.anns.get(tempId);
    if (current === undefined) return; // deleted meanwhile; its queued delete goes to real.id
    if (this.anns.has(real.id)) {
      // The server already had this span (pressing the key again selects it): drop the copy.
      this.apply([{ before: current }]);
      this.select(real.id);
      return;
    }
    // Keep whatever the user did to the span meanwhile; only the id (and timestamps) change.
    const renamed = { ...current, id: real.id, createdAt: real.createdAt };
    this.anns.delete(tempId);
    this.anns.set(real.id, renamed);
    if (this.selectedId === tempId) this.selectedId = real.id;
    this.view?.renameSpan(tempId, renamed);
    this.emit();
  }

  update(id: number, patch: SpanPatch): void {
    const before = this.anns.get(id);
    if (!before) return;
    const after = { ...before, ...patch, updatedAt: new Date().toISOString() };
    this.timer.edited();
    this.apply([{ before, after }]);
    this.enqueue(async () => {
      this.historyKnown = false;
      await callOrThrow('annotations:update', { id: this.resolve(id), ...patch });
    });
  }

  remove(id: number): void {
    const before = this.anns.get(id);
    if (!before) return;
    const next = this.neighbour(id, 1) ?? this.neighbour(id, -1);
    this.timer.edited();
    this.apply([{ before }]);
    this.select(next?.id ?? null);
    this.enqueue(async () => {
      this.historyKnown = false;
      await callOrThrow('annotations:delete', { id: this.resolve(id) });
    });
  }

  /**
   * Spans another channel changed and answered with (an entity link), and the undo state a write
   * elsewhere answered with (a relation; without it, it is asked for): shown at once.
   */
  adopt(spans: Annotation[], history?: HistoryState): void {
    if (history) this.history = history;
    const changes = spans.filter((a) => this.spanById(a.id)).map((a) => ({ before: this.spanById(a.id), after: a }));
    if (changes.length > 0) this.apply(changes);
    else this.emit();
    if (!history) void this.refreshHistory();
  }

  undo(): Promise<HistoryStep | null> {
    return this.historyStep('history:undo');
  }

  redo(): Promise<HistoryStep | null> {
    return this.historyStep('history:redo');
  }

  async setStatus(status: DocumentStatus): Promise<void> {
    // Done keeps the active time at that moment: the running total goes first.
    if (status === 'done') await this.timer.flush(true);
    const summary = await callOrThrow('documents:update', { id: this.doc.id, status });
    this.doc = { ...this.doc, ...summary };
    this.deps.onDocument(this.doc);
    this.emit();
  }

  /** Saves the document's note: a step of the undo history, queued with the span edits. */
  saveNote(note: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.enqueue(async () => {
        this.historyKnown = false;
        try {
          const summary = await callOrThrow('documents:update', { id: this.doc.id, note });
          this.patchDocument({ ...summary, note });
          resolve();
        } catch (error) {
          reject(error); // the caller says what went wrong; the spans are untouched
        }
      });
    });
  }

  /** Merges fresh document fields (after a metadata save) and tells the list. */
  patchDocument(patch: Partial<DocumentDetail>): void {
    this.doc = { ...this.doc, ...patch };
    this.deps.onDocument(this.doc);
    this.emit();
  }

  /** The span after (dir 1) or before (dir -1) the given one in reading order. */
  neighbour(id: number | null, dir: 1 | -1): Annotation | null {
    const list = this.ordered();
    if (list.length === 0) return null;
    const i = id === null ? -1 : list.findIndex((a) => a.id === id);
    if (i === -1) return dir > 0 ? list[0] : list[list.length - 1];
    return list[i + dir] ?? null;
  }

  /** Waits until every queued write has been answered. */
  settled(): Promise<void> {
    return this.queue;
  }

  private historyStep(channel: 'history:undo' | 'history:redo'): Promise<HistoryStep | null> {
    this.timer.edited();
    return new Promise((resolve) => {
      this.enqueue(async () => {
        const step = await callOrThrow(channel, { documentId: this.doc.id });
        this.historyKnown = step !== null;
        if (step) {
          const changes: SpanChange[] = step.deletedIds.map((id) => ({ before: this.anns.get(id) }));
          for (const a of step.upserted) changes.push({ before: this.anns.get(a.id), after: a });
          this.apply(changes);
          // A relation's step (its review, say) keeps the span it starts from selected.
          const focus = step.upserted[0]?.id ?? step.relations?.upserted[0]?.fromId ?? null;
          this.select(focus !== null && this.anns.has(focus) ? focus : null, true);
          this.history = step;
          if (step.documentNote !== undefined) this.patchDocument({ note: step.documentNote });
        }
        resolve(step);
      });
    });
  }

  private apply(changes: SpanChange[]): void {
    for (const { before, after } of changes) {
      if (before) this.anns.delete(before.id);
      // An undo step may bring back a span of another coder's layer: it stays in that layer.
      if (after && this.others.has(after.id)) this.others.set(after.id, after);
      else if (after) this.anns.set(after.id, after);
    }
    this.view?.applyChanges(changes);
    if (this.selectedId !== null && !this.anns.has(this.selectedId)) this.selectedId = null;
    // The list counts every coder's spans in the document.
    const spanCount = this.anns.size + this.others.size;
    if (this.doc.spanCount !== spanCount) {
      this.doc = { ...this.doc, spanCount };
      this.docChanged = true;
    }
    this.emit();
  }

  private resolve(id: number): number {
    return id < 0 ? (this.realIds.get(id) ?? id) : id;
  }

  private enqueue(task: () => Promise<void>): void {
    // The first write of a burst waits for the frame: the request is not part of the keypress.
    const first = this.pending++ === 0;
    this.queue = this.queue
      .then(() => (first ? afterFrame() : undefined))
      .then(task)
      .catch(async (error: unknown) => {
        this.historyKnown = false;
        this.deps.onError(error instanceof Error ? error.message : String(error));
        await this.resync();
      })
      .finally(() => {
        // Only when the last answer did not already say what undo and redo would do.
        if (--this.pending === 0 && !this.historyKnown) void this.refreshHistory();
      });
  }

  /** After a failed write (or a label-all batch elsewhere), the server is the truth: reload its spans and show them. */
  async resync(): Promise<void> {
    try {
      const fresh = await callOrThrow('annotations:list', { documentId: this.doc.id });
      const changes: SpanChange[] = [...this.visibleSpans()].map((a) => ({ before: a }));
      this.anns.clear();
      this.others.clear();
      this.splitLayers(fresh);
      for (const a of this.visibleSpans()) changes.push({ after: a });
      this.view?.applyChanges(changes);
      if (this.selectedId !== null && !this.anns.has(this.selectedId)) this.selectedId = null;
      this.doc = { ...this.doc, spanCount: this.anns.size + this.others.size };
      this.docChanged = true;
      this.emit();
      // A batch written elsewhere is an undo step of this document too (Ctrl+Z in the reader takes it back).
      void this.refreshHistory();
    } catch (error) {
      this.deps.onError(error instanceof Error ? error.message : String(error));
    }
  }

  private async refreshHistory(): Promise<void> {
    const result = await callOrThrow('history:state', { documentId: this.doc.id }).catch(() => null);
    // A read that finds the undo state as it was changes nothing: listeners take a new state for a write.
    if (result && !sameHistory(result, this.history)) {
      this.history = result;
      this.emit();
    }
  }

  /**
   * Panels hear about changes after the next frame: the reader has painted the change itself, and
   * re-rendering the span list before that frame would delay the highlight.
   */
  private emit(): void {
    this.version++;
    if (this.emitScheduled) return;
    this.emitScheduled = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.emitScheduled = false;
        if (this.disposed) return;
        if (this.docChanged) {
          this.docChanged = false;
          this.deps.onDocument(this.doc);
        }
        for (const fn of this.listeners) fn();
      }, PANEL_DELAY_MS),
    );
  }

  /** Stops panel notifications once the document is closed. */
  dispose(): void {
    this.disposed = true;
    void this.timer.stop();
  }
}

const afterFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
