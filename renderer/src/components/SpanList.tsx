// All spans of the document grouped by label, filterable (by text, label or note); a click selects
// the span and scrolls to it. A span with a note shows the note's start after its text. Above them,
// the selected span's text across the corpus (its labels and unlabelled occurrences, #21).
import { useDeferredValue, useEffect, useMemo, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import type { Annotation, Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import { MentionConsistency } from '../search/MentionConsistency';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { VirtualList, type VirtualListHandle } from './VirtualList';

const ROW = 34;

type Row = { kind: 'group'; label: Label | null; count: number } | { kind: 'span'; span: Annotation; text: string };

export function SpanList({ session, reader, version }: { session: DocSession; reader: MutableRefObject<ReaderHandle | null>; version: number }) {
  const { t } = useI18n();
  const { labels, labelById } = useAppState();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const handle = useRef<VirtualListHandle>(null);
  const rows = useMemo(
    () => spanRows(session.ordered(), session.doc.text, deferredFilter, labels, labelById),
    [session, version, deferredFilter, labels, labelById], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const selectedId = session.selectedId;
  useSelectedRowInView(handle, rows, selectedId);
  const select = (span: Annotation) => {
    reader.current?.sel.set(span.start, span.start, false);
    session.select(span.id, true);
  };

  const selected = session.selected;

  return (
    <section className="span-list" aria-label={t('panel.spans')}>
      {selected && <MentionConsistency mention={session.doc.text.slice(selected.start, selected.end)} version={version} />}
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
            if (row.kind === 'group') return <SpanGroupRow key={`g${row.label?.id ?? i}`} label={row.label} count={row.count} />;
            return <SpanRow key={row.span.id} span={row.span} text={row.text} selected={row.span.id === selectedId} onSelect={select} />;
          }}
        />
      )}
    </section>
  );
}

/** The rows of the list: spans matching the filter (text, note or label), grouped in the label bar's order, unknown labels last. */
function spanRows(ordered: Iterable<Annotation>, text: string, filter: string, labels: Label[], labelById: Map<number, Label>): Row[] {
  const needle = filter.trim().toLowerCase();
  const matches = (s: string) => s.toLowerCase().includes(needle);
  const groups = new Map<number, Annotation[]>();
  for (const span of ordered) {
    const label = labelById.get(span.labelId);
    const spanText = text.slice(span.start, span.end);
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
}

/** Keeps the selected span's row in view as J/K or clicks in the text move the selection. */
function useSelectedRowInView(handle: RefObject<VirtualListHandle | null>, rows: Row[], selectedId: number | null) {
  useEffect(() => {
    if (selectedId === null) return;
    const i = rows.findIndex((r) => r.kind === 'span' && r.span.id === selectedId);
    if (i !== -1) handle.current?.scrollToIndex(i);
  }, [handle, selectedId, rows]);
}

function SpanGroupRow({ label, count }: { label: Label | null; count: number }) {
  const { labelName } = useI18n();
  return (
    <div className="span-group" role="listitem" style={{ height: ROW }}>
      <span className="label-dot" style={{ background: label?.color ?? '#888' }} />
      <span className="span-group-name">{label ? labelName(label) : '?'}</span>
      <span className="span-group-key">{label?.key}</span>
      <span className="span-group-count">{count}</span>
    </div>
  );
}

function SpanRow({ span, text, selected, onSelect }: { span: Annotation; text: string; selected: boolean; onSelect: (span: Annotation) => void }) {
  const { t } = useI18n();
  return (
    <div role="listitem" style={{ height: ROW }}>
      <button
        type="button"
        className={`span-row${selected ? ' is-selected' : ''} review-${span.reviewState}`}
        data-span-id={span.id}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(span)}
      >
        <span className="span-row-text">{text}</span>
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
}
