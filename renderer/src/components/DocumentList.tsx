// Left pane: filterable, sortable, virtualized document list.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentList as ListData, ListQuery } from '../hooks/useDocumentList';
import { useI18n } from '../i18n';
import { DocumentRow, ROW_HEIGHT } from './DocumentRow';
import { DocumentFilters, isFiltered } from './DocumentFilters';
import { VirtualList, type VirtualListHandle } from './VirtualList';

interface Props {
  list: ListData;
  query: ListQuery;
  setQuery: (q: ListQuery) => void;
  currentId: number | null;
  onOpen: (id: number) => void;
  onNextUnfinished: () => void;
}

export function DocumentList({ list, query, setQuery, currentId, onOpen, onNextUnfinished }: Props) {
  const { t } = useI18n();
  const [active, setActive] = useState(0);
  const handle = useRef<VirtualListHandle>(null);
  const total = list.total ?? 0;

  const currentIndex = currentId === null ? -1 : list.indexOf(currentId);
  useEffect(() => {
    if (currentIndex >= 0) {
      setActive(currentIndex);
      handle.current?.scrollToIndex(currentIndex);
    }
  }, [currentIndex]);

  const open = useCallback(
    (id: number, index: number) => {
      setActive(index);
      onOpen(id);
    },
    [onOpen],
  );

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      e.stopPropagation();
      const next = Math.max(0, Math.min(total - 1, to));
      setActive(next);
      handle.current?.scrollToIndex(next);
    };
    if (e.key === 'ArrowDown' && !e.altKey) move(active + 1);
    else if (e.key === 'ArrowUp' && !e.altKey) move(active - 1);
    else if (e.key === 'PageDown') move(active + 10);
    else if (e.key === 'PageUp') move(active - 10);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(total - 1);
    else if (e.key === 'Enter' || e.key === ' ') {
      const doc = list.item(active);
      if (doc) {
        e.preventDefault();
        e.stopPropagation();
        onOpen(doc.id);
      }
    }
  };

  const filtered = isFiltered(query);

  return (
    <nav className="doc-list" aria-label={t('docs.title')}>
      <div className="pane-header">
        <h2 className="pane-title">{t('docs.title')}</h2>
        <span className="pane-count">{list.total === null ? '…' : t('docs.count', { n: list.total })}</span>
        <button type="button" className="button button-small" onClick={onNextUnfinished} title={`${t('docs.nextUnfinished')} (N)`}>
          {t('docs.next')} <kbd>N</kbd>
        </button>
      </div>
      <DocumentFilters query={query} setQuery={setQuery} />
      {list.total === 0 ? (
        <p className="empty-note">{filtered ? t('docs.empty') : t('docs.emptyProject')}</p>
      ) : (
        <VirtualList
          id="doc-list"
          handle={handle}
          className="doc-list-rows"
          count={total}
          rowHeight={ROW_HEIGHT}
          role="listbox"
          label={t('docs.title')}
          tabIndex={0}
          activeDescendant={list.item(active) ? `doc-row-${active}` : undefined}
          onKeyDown={onKeyDown}
          onRange={list.ensure}
          renderRow={(i) => {
            const doc = list.item(i);
            return <DocumentRow key={i} index={i} doc={doc} total={total} current={doc?.id === currentId} active={i === active} onOpen={open} />;
          }}
        />
      )}
    </nav>
  );
}
