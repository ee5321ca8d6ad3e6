// All spans of the document grouped by label, filterable (by text, label or note); a click selects
// the span and scrolls to it. A span with a note shows the note's start after its text.
import { useDeferredValue, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { Annotation, Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { VirtualList, type VirtualListHandle } from './VirtualList';

const ROW = 34;

type Row = { kind: 'group'; label: Label | null; count: number } | { kind: 'span'; span: Annotation; text: string };

// eslint-disable-next-line max-lines-per-function -- to split (#19): not reached yet, several steps in one function
export function SpanList({ session, reader, version }: { session: DocSession; reader: MutableRefObject<ReaderHandle | null>; version: number }) {
  const { t, labelName } = useI18n();
  const { labels, labelById } = useAppState();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const handle = useRef<VirtualListHandle>(null);

  const rows = useMemo(() => {
    const text = session.doc.text;
    const needle = deferredFilter.trim().toLowerCase();
    const groups = new Map<number, Annotation[]>();
    for (const span of session.ordered()) {
      const label = labelById.get(span.labelId);
      const spanText = text.slice(span.start, span.end);
      const matches = (s: string) => s.toLowerCase().includes(needle);
      if (needle && !matches(spanText) && !matches(span.note) && !(label && matches(label.nameZh + label.nameEn + label.key))) continue;
      const list = groups.get(span.labelId) ?? [];
      list.push(span);
      groups.set(span.labelId, list);
    }
    const out: Row[] = [];
    const order = [...labels.map((l) => l.id), ...[...groups.keys()].filter((id) => !labelById.has(id))];
    for (const id of order) {
      const list = groups.get(id);
      if (!list?.length) continue;
      out.push({ kind: 'group', label: labelById.get(id) ?? null, count: list.length });
      for (const span of list) out.push({ kind: 'span', span, text: text.slice(span.start, span.end) });
    }
    return out;
  }, [session, version, deferredFilter, labels, labelById]); // eslint-disable-line react-hooks/exhaustive-deps

  const selectedId = session.selectedId;
  // Keep the selected span's row in view as J/K or clicks in the text move the selection.
  useEffect(() => {
    if (selectedId === null) return;
    const i = rows.findIndex((r) => r.kind === 'span' && r.span.id === selectedId);
    if (i !== -1) handle.current?.scrollToIndex(i);
  }, [selectedId, rows]);
  const select = (span: Annotation) => {
    reader.current?.sel.set(span.start, span.start, false);
    session.select(span.id, true);
  };

  return (
    <section className="span-list" aria-label={t('panel.spans')}>
      <input
        type="search"
        className="input"
        placeholder={t('spans.filter')}
        aria-label={t('spans.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {session.anns.size === 0 ? (
        <p className="empty-note">{t('spans.empty')}</p>
      ) : rows.length === 0 ? (
        <p className="empty-note">{t('spans.none')}</p>
      ) : (
        <VirtualList
          handle={handle}
          className="span-rows"
          count={rows.length}
          rowHeight={ROW}
          role="list"
          label={t('panel.spans')}
          renderRow={(i) => {
            const row = rows[i];
            if (row.kind === 'group') {
              return (
                <div key={`g${row.label?.id ?? i}`} className="span-group" role="listitem" style={{ height: ROW }}>
                  <span className="label-dot" style={{ background: row.label?.color ?? '#888' }} />
                  <span className="span-group-name">{row.label ? labelName(row.label) : '?'}</span>
                  <span className="span-group-key">{row.label?.key}</span>
                  <span className="span-group-count">{row.count}</span>
                </div>
              );
            }
            const { span } = row;
            return (
              <div key={span.id} role="listitem" style={{ height: ROW }}>
                <button
                  type="button"
                  className={`span-row${span.id === selectedId ? ' is-selected' : ''} review-${span.reviewState}`}
                  data-span-id={span.id}
                  aria-current={span.id === selectedId ? 'true' : undefined}
                  onClick={() => select(span)}
                >
                  <span className="span-row-text">{row.text}</span>
                  {span.note && (
                    <span className="span-row-note" title={span.note}>
                      <span aria-hidden="true">✎ </span>
                      <span className="sr-text">{t('notes.span')}: </span>
                      {span.note}
                    </span>
                  )}
                  <span className="span-row-pos">{span.start}</span>
                </button>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}
