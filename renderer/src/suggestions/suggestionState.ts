// The open document's suggestions (#22): fetched when it opens and again after each change to its
// spans (off the keypress: after the session's panels hear of it, debounced), drawn as ghost spans
// with one CSS highlight per label, stepped with Tab, accepted with Enter, rejected with Backspace.
import { callOrThrow } from '../api/client';
import type { Suggestion, SuggestionRef, SuggestionSource } from '../../../shared/api/suggestions';
import type { Label } from '../../../shared/model';
import { HighlightLayer } from '../reader/highlights';
import type { ReaderController } from '../reader/readerController';
import type { DocSession } from '../state/docSession';
import { GhostHover, type GhostHoverInfo } from './ghostHover';

/** After the last span change, this long before the suggestions are asked for again. */
const REFRESH_DELAY_MS = 150;
const STYLE_ID = 'bz-suggestion-styles';
const RETRIES = 3;
const RETRY_MS = 1000;
/** A spansKey no set of spans has: the list drawn was changed locally, so the next check asks again. */
const STALE = '#stale';

export const SOURCE_KEYS: Record<SuggestionSource, string> = { dictionary: 'dict', gazetteer: 'gazetteer', pattern: 'patterns', model: 'model' };

/** One item Tab can land on: a span of the coder's or a suggestion, in text order. */
type Stop = { kind: 'span'; id: number; start: number; end: number } | { kind: 'suggestion'; index: number; start: number; end: number };

export class SuggestionState {
  list: Suggestion[] = [];
  current: number | null = null;
  /** Sources the coder switched off in the Suggestions tab: not drawn, not stepped to. */
  readonly hidden = new Set<SuggestionSource>();
  version = 0;
  private hiddenVersion = 0;
  private drawnCount = 0;
  private visibleCache: { version: number; list: Suggestion[]; hidden: number; result: Suggestion[] } | null = null;
  private layers = new Map<number, HighlightLayer>();
  private currentLayer: HighlightLayer | null = null;
  private view: ReaderController | null = null;
  private hover: GhostHover | null = null;
  private stopRenderListener: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private timer = 0;
  /** The coder's spans as last asked about (spansKey); null before the first fetch. Selecting, stepping or the history's answer change the session's version but not this. */
  private seenSpans: string | null = null;
  private fetching = false;
  private failures = 0;
  private askAgain = false;
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly session: DocSession,
    private readonly labels: () => Map<number, Label>,
  ) {
    this.unsubscribe = session.subscribe(() => {
      // A span made or removed since the last fetch: hide or show the ghosts under it now.
      if (this.visible().length !== this.drawnCount) this.draw();
      this.schedule();
    });
  }

  /** The reader mounted (or remounted): draw onto it. */
  attach(view: ReaderController): void {
    this.detach();
    this.view = view;
    this.stopRenderListener = view.onBlockRendered((b) => {
      for (const l of this.layers.values()) l.refreshBlock(b);
      this.currentLayer?.refreshBlock(b);
    });
    this.currentLayer = new HighlightLayer('bz-sugg-current', view.model, (u) => view.paragraph(u, false), 3);
    this.hover = new GhostHover(
      view,
      () => this.visible(),
      () => this.emit(),
      (s) => {
        this.session.select(null);
        this.setCurrent(this.list.indexOf(s));
      },
    );
    this.draw();
    if (this.seenSpans === null) void this.refresh();
  }

  /** The reader unmounted: its layers go with it. */
  detach(): void {
    this.stopRenderListener?.();
    this.stopRenderListener = null;
    this.hover?.dispose();
    this.hover = null;
    for (const l of this.layers.values()) l.dispose();
    this.layers.clear();
    this.currentLayer?.dispose();
    this.currentLayer = null;
    this.view = null;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.unsubscribe();
    this.detach();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * The suggestions drawn: every source the coder has not switched off, and none under a span of
   * the coder's (a span made since the last fetch hides what it covers at once, without waiting for it).
   */
  visible(): Suggestion[] {
    if (
      this.visibleCache &&
      this.visibleCache.version === this.session.version &&
      this.visibleCache.list === this.list &&
      this.visibleCache.hidden === this.hiddenVersion
    ) {
      return this.visibleCache.result;
    }
    const shown = this.hidden.size === 0 ? this.list : this.list.filter((s) => !this.hidden.has(s.source));
    const result = uncovered(shown, this.session.ordered());
    this.visibleCache = { version: this.session.version, list: this.list, hidden: this.hiddenVersion, result };
    return result;
  }

  /** The ghost span under the resting pointer, for its hover card. */
  get hovered(): GhostHoverInfo | null {
    return this.hover?.info ?? null;
  }

  get currentSuggestion(): Suggestion | null {
    return this.current === null ? null : (this.list[this.current] ?? null);
  }

  setSourceShown(source: SuggestionSource, shown: boolean): void {
    if (shown) this.hidden.delete(source);
    else this.hidden.add(source);
    this.hiddenVersion++;
    if (this.currentSuggestion && this.hidden.has(this.currentSuggestion.source)) this.current = null;
    this.draw();
    this.emit();
  }

  /** Asks for the document's suggestions once the session's writes are answered. */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    if (this.fetching) {
      // Asked while a fetch is out (a pattern changed meanwhile): its answer may be old, so ask once more after it.
      this.askAgain = true;
      return;
    }
    this.fetching = true;
    try {
      await this.session.settled();
      const asked = spansKey(this.session);
      const fresh = await callOrThrow('suggestions:forDocument', { documentId: this.session.doc.id });
      if (this.disposed) return;
      this.seenSpans = asked;
      // Drawn when the renderer is idle: a fetch answered between keypresses must not delay the next one.
      await idle();
      if (this.disposed) return;
      const keep = this.currentSuggestion;
      this.list = fresh;
      this.current = keep ? indexOfSame(fresh, keep) : null;
      this.draw();
      this.emit();
      this.failures = 0;
    } catch {
      // Suggestions are a help, never in the way: a failed call leaves the last ones drawn, and is
      // tried again a few times (the only fetch of an opened document must not be lost to a busy moment).
      if (!this.disposed && ++this.failures <= RETRIES) {
        clearTimeout(this.timer);
        this.timer = window.setTimeout(() => void this.refresh(), RETRY_MS * this.failures);
      }
    } finally {
      this.fetching = false;
      if (this.askAgain && !this.disposed) {
        this.askAgain = false;
        void this.refresh();
      } else if (!this.disposed && this.seenSpans !== null && spansKey(this.session) !== this.seenSpans) this.schedule();
    }
  }

  /** Asks again shortly, if the coder's spans changed since the last answer (not before the first fetch: attach asks). */
  private schedule(): void {
    if (this.disposed || this.seenSpans === null || spansKey(this.session) === this.seenSpans) return;
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Tab / Shift+Tab: the next span or suggestion in text order; the reader scrolls to a suggestion. */
  step(dir: 1 | -1, moveCaret: (offset: number) => void): void {
    const stops = this.stops();
    if (stops.length === 0) return;
    const here = this.currentStop(stops);
    const next = here === -1 ? (dir > 0 ? stops[0] : stops[stops.length - 1]) : stops[here + dir];
    if (!next) return;
    // The caret goes along, as when stepping spans (a text selection left behind would select the old span again).
    moveCaret(next.start);
    if (next.kind === 'span') {
      this.setCurrent(null);
      this.session.select(next.id, true);
    } else {
      this.session.select(null);
      this.setCurrent(next.index);
      this.view?.scrollToOffset(next.start, 'nearest');
    }
  }

  setCurrent(index: number | null): void {
    if (this.current === index) return;
    this.current = index;
    this.drawCurrent();
    this.emit();
  }

  /** Enter: the current suggestion becomes the coder's span. */
  async acceptCurrent(): Promise<void> {
    const s = this.currentSuggestion;
    if (!s) return;
    const next = this.following(s);
    await this.accept([s]);
    if (next) this.setCurrent(indexOfSame(this.list, next));
  }

  /** Accepts every drawn suggestion at or above the confidence: one step of the undo history. */
  async acceptAbove(threshold: number): Promise<number> {
    const chosen = this.visible().filter((s) => s.confidence >= threshold);
    if (chosen.length === 0) return 0;
    return this.accept(chosen);
  }

  /** Backspace: the current suggestion goes and is not proposed there again. */
  async rejectCurrent(): Promise<void> {
    const s = this.currentSuggestion;
    if (!s) return;
    const next = this.following(s);
    this.removeLocally([s]);
    if (next) this.setCurrent(indexOfSame(this.list, next));
    await callOrThrow('suggestions:reject', { documentId: this.session.doc.id, suggestion: toRef(s) });
  }

  private async accept(chosen: Suggestion[]): Promise<number> {
    // Gone from the ghost layer at once; the spans follow with the server's ids.
    this.removeLocally(chosen);
    // Accepting one suggestion is one coder action: its span gets a lead time (#24); more are a batch.
    const leadTimeMs = chosen.length === 1 ? this.session.timer.takeLeadTime() : (this.session.timer.edited(), undefined);
    await this.session.settled();
    const { created } = await callOrThrow('suggestions:accept', { documentId: this.session.doc.id, suggestions: chosen.map(toRef), leadTimeMs });
    await this.session.resync();
    // The list was changed here, not fetched: ask again whatever the spans are by then (an undo may already have put them back).
    this.seenSpans = STALE;
    this.schedule();
    return created.length;
  }

  private removeLocally(gone: Suggestion[]): void {
    const drop = new Set(gone);
    const keep = this.currentSuggestion;
    this.list = this.list.filter((s) => !drop.has(s));
    this.current = keep && !drop.has(keep) ? this.list.indexOf(keep) : null;
    this.draw();
    this.emit();
  }

  /** The visible suggestion after this one, to step on to after accepting or rejecting it (found again by place: the list may be fetched anew meanwhile). */
  private following(s: Suggestion): Suggestion | null {
    return this.visible().find((x) => x !== s && x.start >= s.end) ?? null;
  }

  private stops(): Stop[] {
    const stops: Stop[] = this.session.ordered().map((a) => ({ kind: 'span' as const, id: a.id, start: a.start, end: a.end }));
    const shown = new Set(this.visible());
    this.list.forEach((s, index) => {
      if (shown.has(s)) stops.push({ kind: 'suggestion', index, start: s.start, end: s.end });
    });
    return stops.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === 'span' ? -1 : 1));
  }

  private currentStop(stops: Stop[]): number {
    if (this.current !== null) return stops.findIndex((s) => s.kind === 'suggestion' && s.index === this.current);
    const id = this.session.selectedId;
    return id === null ? -1 : stops.findIndex((s) => s.kind === 'span' && s.id === id);
  }

  /** Redraws the ghost spans: one highlight per label, coloured by the label (styles written below). */
  private draw(): void {
    const view = this.view;
    if (!view) return;
    const byLabel = new Map<number, Suggestion[]>();
    const visible = this.visible();
    this.drawnCount = visible.length;
    for (const s of visible) {
      const list = byLabel.get(s.labelId) ?? [];
      list.push(s);
      byLabel.set(s.labelId, list);
    }
    const rendered = view.editors.renderedBlocks();
    for (const [labelId, layer] of this.layers) if (!byLabel.has(labelId)) layer.set([], rendered);
    for (const [labelId, list] of byLabel) {
      let layer = this.layers.get(labelId);
      if (!layer) {
        layer = new HighlightLayer(`bz-sugg-${labelId}`, view.model, (u) => view.paragraph(u, false), 0);
        this.layers.set(labelId, layer);
      }
      layer.set(list, rendered);
    }
    writeStyles(this.labels());
    this.drawCurrent();
    this.hover?.recheck();
  }

  private drawCurrent(): void {
    const view = this.view;
    const s = this.currentSuggestion;
    this.currentLayer?.set(s ? [s] : [], view ? view.editors.renderedBlocks() : []);
  }

  private emit(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

/**
 * What the suggestions depend on in the session: the coder's spans (place, label, review), not their
 * ids (a saved span trades its temporary id for the server's) nor the selection.
 */
function spansKey(session: DocSession): string {
  const parts: string[] = [];
  for (const a of session.anns.values()) parts.push(`${a.start},${a.end},${a.labelId},${a.reviewState}`);
  return parts.sort().join(';');
}

/** The suggestions no span overlaps; spans in reading order (by start). */
function uncovered(list: Suggestion[], spans: readonly { start: number; end: number }[]): Suggestion[] {
  if (spans.length === 0) return list;
  // maxEnd[i]: the furthest end among the first i + 1 spans; a suggestion overlaps a span iff one
  // starting before its end reaches past its start.
  const maxEnd: number[] = [];
  let far = -1;
  for (const a of spans) maxEnd.push((far = Math.max(far, a.end)));
  return list.filter((s) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start < s.end) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 || maxEnd[lo - 1] <= s.start;
  });
}

const idle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 500 }));

function toRef({ start, end, labelId, source, sourceId, confidence }: Suggestion): SuggestionRef {
  return { start, end, labelId, source, sourceId, confidence };
}

function indexOfSame(list: Suggestion[], s: Suggestion): number | null {
  const i = list.findIndex((x) => x.start === s.start && x.end === s.end && x.labelId === s.labelId);
  return i === -1 ? null : i;
}

/** One dashed underline rule per label, in its colour (the Highlight API styles by name only). */
function writeStyles(labels: Map<number, Label>): void {
  let el = document.getElementById(STYLE_ID);
  if (!el) {
    el = document.createElement('style');
    el.id = STYLE_ID;
    document.head.appendChild(el);
  }
  const css = [...labels.values()]
    .map((l) => `::highlight(bz-sugg-${l.id}){text-decoration:underline dashed ${safeColor(l.color)};text-decoration-thickness:2px;text-underline-offset:5px;}`)
    .join('\n');
  if (el.textContent !== css) el.textContent = css;
}

const safeColor = (c: string) => (/^#[0-9a-fA-F]{3,8}$/.test(c) ? c : 'currentColor');

const states = new WeakMap<DocSession, SuggestionState>();

/** The suggestion state of an open document, made on first use. */
export function suggestionsOf(session: DocSession, labels: () => Map<number, Label>): SuggestionState {
  let s = states.get(session);
  if (!s) {
    s = new SuggestionState(session, labels);
    states.set(session, s);
  }
  return s;
}

/** The state if one was made (commands ask without making one). */
export function existingSuggestions(session: DocSession | null): SuggestionState | null {
  return session ? (states.get(session) ?? null) : null;
}
