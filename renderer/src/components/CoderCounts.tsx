// The document list's spans and status per coder (#20): a document has one status, so a row of a
// document two or more coders worked on says how many spans each has and what each one's file said
// of it at the last merge. Rows ask for their counts once the
// project is known to have several coders (a document with another coder's layer or the agreement
// tab said so), so a one-coder project sends nothing more at startup or per keypress; the asks of
// one render go out as one layers:coderCounts request. A row's count follows my own edits locally.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CoderCount } from '../../../shared/api/layers';
import type { DocumentStatus } from '../../../shared/model';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { coderColor } from '../reader/coderColors';
import { useAppState } from '../state/appState';

type Counts = { name: string; count: number; status: DocumentStatus | null }[];

/** Projects known to have spans by two or more coders. */
const severalCoders = new Set<string>();
const flagListeners = new Set<() => void>();

export function noteSeveralCoders(projectPath: string | undefined): void {
  if (!projectPath || severalCoders.has(projectPath)) return;
  severalCoders.add(projectPath);
  for (const fn of flagListeners) fn();
}

const subscribeFlag = (fn: () => void) => {
  flagListeners.add(fn);
  return () => flagListeners.delete(fn);
};

/** Answers by `project|document`, with the span count they were given at. */
const cache = new Map<string, { counts: Counts; spanCount: number; at: number }>();
/** An answer whose count has moved is asked again after this long (a merge, not only my own edits, may have moved it). */
const STALE_MS = 30_000;
const waiting = new Map<string, { project: string; id: number; done: Set<() => void> }>();
let flushQueued = false;

function flush(): void {
  flushQueued = false;
  const batch = [...waiting];
  waiting.clear();
  const project = batch[0]?.[1].project;
  const mine = batch.filter(([, w]) => w.project === project);
  for (const [key, w] of batch) if (w.project !== project) waiting.set(key, w); // another project: next round
  if (waiting.size > 0) queueFlush();
  for (let i = 0; i < mine.length; i += 1000) {
    const part = mine.slice(i, i + 1000);
    void api.call('layers:coderCounts', { documentIds: part.map(([, w]) => w.id) }).then((r) => {
      const byDoc = new Map<number, Counts>();
      if (r.ok)
        for (const c of r.value as CoderCount[])
          byDoc.set(c.documentId, [...(byDoc.get(c.documentId) ?? []), { name: c.annotator, count: c.count, status: c.status }]);
      for (const [key, w] of part) {
        const counts = byDoc.get(w.id) ?? [];
        if (r.ok) cache.set(key, { counts, spanCount: counts.reduce((n, c) => n + c.count, 0), at: Date.now() });
        for (const done of w.done) done();
      }
    });
  }
}

function queueFlush(): void {
  if (flushQueued) return;
  flushQueued = true;
  setTimeout(flush, 0);
}

function useCoderCounts(id: number, spanCount: number): Counts | undefined {
  const app = useAppState();
  const project = app.project?.path ?? '';
  const me = app.project?.annotator ?? '';
  const several = useSyncExternalStore(subscribeFlag, () => severalCoders.has(project));
  const key = `${project}|${id}`;
  const [, setTick] = useState(0);
  const cached = cache.get(key);
  const stale = cached !== undefined && cached.spanCount !== spanCount && Date.now() - cached.at > STALE_MS;
  const known = stale ? undefined : cached;
  useEffect(() => {
    if (known || !several) return;
    let live = true;
    const done = () => live && setTick((n) => n + 1);
    const entry = waiting.get(key) ?? { project, id, done: new Set<() => void>() };
    entry.done.add(done);
    waiting.set(key, entry);
    queueFlush();
    return () => {
      live = false;
      entry.done.delete(done);
    };
  }, [key, known, several, project, id, spanCount]);
  if (!several) return undefined;
  const base = cached;
  if (!base || base.spanCount === spanCount) return base?.counts;
  // The count moved since the answer: my own spans in the open document (merges reload the list).
  const delta = spanCount - base.spanCount;
  const mine = base.counts.find((c) => c.name === me);
  const counts = mine
    ? base.counts.map((c) => (c === mine ? { ...c, count: c.count + delta } : c))
    : [...base.counts, { name: me, count: delta, status: null }];
  return counts.filter((c) => c.count > 0 || c.status !== null).sort((a, b) => a.name.localeCompare(b.name));
}

const STATUS_MARK: Record<DocumentStatus, string> = { todo: '○', in_progress: '◐', done: '●', reviewed: '✓' };

/**
 * "王老师 2 ● · 李同学 1 ◐" for a document two or more coders worked on, or one merged coder's file
 * spoke of (their status); nothing otherwise.
 */
export function DocCoderCounts({ id, spanCount }: { id: number; spanCount: number }) {
  const { t } = useI18n();
  const counts = useCoderCounts(id, spanCount);
  if (!counts || (counts.length < 2 && !counts.some((c) => c.status))) return null;
  const describe = (c: Counts[number]) =>
    c.status ? t('layers.countStatus', { name: c.name, n: c.count, status: t(`status.${c.status}`) }) : t('layers.count', { name: c.name, n: c.count });
  return (
    <span className="doc-row-coders" title={counts.map(describe).join('\n')} data-testid="doc-coder-counts">
      {counts.map((c) => (
        <span key={c.name} className="doc-row-coder" style={{ borderColor: coderColor(c.name) }} aria-label={describe(c)}>
          {c.name} {c.count}
          {c.status && <span className={`doc-row-coder-status status-text-${c.status}`}>{STATUS_MARK[c.status]}</span>}
        </span>
      ))}
    </span>
  );
}
