// Left pane: filterable, sortable, virtualized document list.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../../shared/model';
import { DOCUMENT_SORT_KEYS } from '../../../shared/api/document-query';
import type { DocumentList as ListData, ListQuery, SortKey } from '../hooks/useDocumentList';
import { useI18n } from '../i18n';
import { DocumentRow, ROW_HEIGHT } from './DocumentRow';
import { DocumentSpanFilters, spanFilterCount } from './DocumentSpanFilters';
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
  const spanFilters = spanFilterCount(query);
  const [more, setMore] = useState(Boolean(query.source || query.dateFrom || query.dateTo || spanFilters));
  const [title, setTitle] = useState(query.titleContains ?? '');
  const handle = useRef<VirtualListHandle>(null);
  const total = list.total ?? 0;

  // Typing in the title filter refetches after a short pause, not on every key.
  useEffect(() => {
    const id = window.setTimeout(() => {
      if ((query.titleContains ?? '') !== title) setQuery({ ...query, titleContains: title || undefined });
    }, 200);
    return () => window.clearTimeout(id);
  }, [title]); // eslint-disable-line react-hooks/exhaustive-deps

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

  const filtered = Boolean(query.status || query.source || query.titleContains || query.dateFrom || query.dateTo || spanFilters);

  return (
    <nav className="doc-list" aria-label={t('docs.title')}>
      <div className="pane-header">
        <h2 className="pane-title">{t('docs.title')}</h2>
        <span className="pane-count">{list.total === null ? '…' : t('docs.count', { n: list.total })}</span>
        <button type="button" className="button button-small" onClick={onNextUnfinished} title={`${t('docs.nextUnfinished')} (N)`}>
          {t('docs.next')} <kbd>N</kbd>
        </button>
      </div>
      <div className="doc-filters">
        <input
          type="search"
          className="input"
          placeholder={t('docs.filter')}
          aria-label={t('docs.filter')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <div className="doc-filters-row">
          <select
            className="select"
            aria-label={t('docs.status')}
            value={query.status ?? ''}
            onChange={(e) => setQuery({ ...query, status: (e.target.value || undefined) as DocumentStatus | undefined })}
          >
            <option value="">
              {t('docs.status')}: {t('common.all')}
            </option>
            {DOCUMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          <select className="select" aria-label={t('docs.sort')} value={query.sort} onChange={(e) => setQuery({ ...query, sort: e.target.value as SortKey })}>
            {DOCUMENT_SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`docs.sort.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="icon-button"
            aria-label={query.direction === 'asc' ? t('docs.ascending') : t('docs.descending')}
            title={query.direction === 'asc' ? t('docs.ascending') : t('docs.descending')}
            onClick={() => setQuery({ ...query, direction: query.direction === 'asc' ? 'desc' : 'asc' })}
          >
            {query.direction === 'asc' ? '↑' : '↓'}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-expanded={more}
            aria-label={t('docs.moreFilters')}
            title={t('docs.moreFilters')}
            onClick={() => setMore(!more)}
          >
            ⋯
            {!more && spanFilters > 0 && (
              <span className="filter-count" title={t('docs.filter.active', { n: spanFilters })}>
                {spanFilters}
              </span>
            )}
          </button>
        </div>
        {more && (
          <div className="doc-filters-more">
            <label className="field-inline">
              <span>{t('docs.source')}</span>
              <input className="input" value={query.source ?? ''} onChange={(e) => setQuery({ ...query, source: e.target.value || undefined })} />
            </label>
            <label className="field-inline">
              <span>{t('docs.dateFrom')}</span>
              <input
                type="date"
                className="input"
                value={query.dateFrom ?? ''}
                onChange={(e) => setQuery({ ...query, dateFrom: e.target.value || undefined })}
              />
            </label>
            <label className="field-inline">
              <span>{t('docs.dateTo')}</span>
              <input type="date" className="input" value={query.dateTo ?? ''} onChange={(e) => setQuery({ ...query, dateTo: e.target.value || undefined })} />
            </label>
            <DocumentSpanFilters query={query} setQuery={setQuery} />
          </div>
        )}
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setTitle('');
              setQuery({ sort: query.sort, direction: query.direction });
            }}
          >
            {t('docs.clearFilters')}
          </button>
        )}
      </div>
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
