// What the span keys do, independent of how they were invoked (key, palette, button).
import { splitsSurrogatePair, trimSpan } from '../../../shared/text/offsets';
import type { Label, ReviewState } from '../../../shared/model';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from './docSession';
import { measureKeyToFrame } from './perf';

export type ActionNotice = 'selectFirst' | 'emptySelection' | 'trimmed' | 'alreadyTagged';

export interface ActionContext {
  session: DocSession | null;
  reader: ReaderHandle | null;
  notify: (message: ActionNotice, vars?: Record<string, string>) => void;
}

/** The marks trimming dropped from the selection's ends, for the note that says so. */
function droppedMarks(text: string, range: { start: number; end: number }, kept: { start: number; end: number }): string {
  const marks = (text.slice(range.start, kept.start) + text.slice(kept.end, range.end)).replace(/\s/g, '');
  return [...new Set(marks)].join(' ');
}

/** Tags the text selection with the label, or relabels the selected span when nothing is selected. */
export function tagWith({ session, reader, notify }: ActionContext, label: Label, startedAt = performance.now()): void {
  if (!session || !reader) return;
  const range = reader.sel.range;
  if (range) {
    const trimmed = trimSpan(session.doc.text, range.start, range.end);
    if (!trimmed) {
      notify('emptySelection');
      return;
    }
    reader.sel.set(trimmed.end, trimmed.end, false);
    const same = session.findSame(trimmed.start, trimmed.end, label.id);
    if (same) {
      session.select(same.id);
      notify('alreadyTagged', { text: session.doc.text.slice(same.start, same.end) });
      return;
    }
    session.create(trimmed.start, trimmed.end, label.id);
    const dropped = droppedMarks(session.doc.text, range, trimmed);
    // Whitespace is dropped silently; a dropped mark is said, so no quote vanishes unseen.
    if (dropped) notify('trimmed', { dropped });
    measureKeyToFrame(startedAt);
    return;
  }
  const selected = session.selected;
  if (selected) {
    if (selected.labelId !== label.id) session.update(selected.id, { labelId: label.id });
    measureKeyToFrame(startedAt);
    return;
  }
  notify('selectFirst');
}

export type Edge = 'growStart' | 'shrinkStart' | 'growEnd' | 'shrinkEnd';

/** Moves one edge of the selected span by one character (a surrogate pair counts as one). */
export function resizeSelected({ session }: ActionContext, edge: Edge): void {
  const span = session?.selected;
  if (!session || !span) return;
  const text = session.doc.text;
  const step = (offset: number, dir: 1 | -1) => {
    let next = offset + dir;
    if (splitsSurrogatePair(text, next)) next += dir;
    return next;
  };
  let { start, end } = span;
  if (edge === 'growStart') start = step(start, -1);
  if (edge === 'shrinkStart') start = step(start, 1);
  if (edge === 'growEnd') end = step(end, 1);
  if (edge === 'shrinkEnd') end = step(end, -1);
  if (start < 0 || end > text.length || end <= start) return;
  session.update(span.id, { start, end });
}

/** Selects the next/previous span in reading order (only pending ones when reviewing). */
export function stepSpan({ session, reader }: ActionContext, dir: 1 | -1, pendingOnly = false): void {
  if (!session) return;
  let candidate = session.neighbour(session.selectedId, dir);
  if (pendingOnly) {
    const seen = new Set<number>();
    while (candidate && candidate.reviewState !== 'pending' && !seen.has(candidate.id)) {
      seen.add(candidate.id);
      candidate = session.neighbour(candidate.id, dir);
    }
  }
  if (!candidate) return;
  reader?.sel.set(candidate.start, candidate.start, false);
  session.select(candidate.id, true);
}

/** Sets the review decision on the selected span and moves on to the next pending one. */
export function review(ctx: ActionContext, state: ReviewState): void {
  const span = ctx.session?.selected;
  if (!ctx.session || !span) {
    stepSpan(ctx, 1, true);
    return;
  }
  ctx.session.update(span.id, { reviewState: state });
  if (state !== 'pending') {
    const before = ctx.session.selectedId;
    stepSpan(ctx, 1, true);
    if (ctx.session.selectedId === before) ctx.session.select(before, false);
  }
}

/** Selects a span under the pointer; clicking again on overlapping spans cycles through them. */
export function clickSpans({ session, reader }: ActionContext, ids: number[]): void {
  if (!session) return;
  const spans = ids.map((id) => session.anns.get(id)).filter((a) => a !== undefined);
  if (spans.length === 0) return;
  // Innermost (shortest) first: the one a click most likely means.
  spans.sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  const i = spans.findIndex((s) => s.id === session.selectedId);
  const next = spans[(i + 1) % spans.length];
  reader?.sel.redrawCaret();
  session.select(next.id, false);
}
