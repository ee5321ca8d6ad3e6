// The document list's filters: title (typed, applied after a pause), status, sort and direction, the
// "more" group (source, district, dates, spans), and the chips naming every active filter.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../../shared/model';
import { DOCUMENT_SORT_KEYS } from '../../../shared/api/document-query';
import type { ListQuery, SortKey } from '../hooks/useDocumentList';
import { useI18n } from '../i18n';
import { DocumentFilterChips } from './DocumentFilterChips';
import { DocumentSpanFilters, spanFilterCount } from './DocumentSpanFilters';

interface Props {
  query: ListQuery;
  setQuery: (q: ListQuery) => void;
}

export const isFiltered = (query: ListQuery) =>
  Boolean(
    query.status ||
    query.source ||
    query.district ||
    query.titleContains ||
    query.dateFrom ||
    query.dateTo ||
    query.labels?.length ||
    query.spanReview ||
    query.mentions?.length ||
    query.entityIds?.length ||
    spanFilterCount(query),
  );

export function DocumentFilters({ query, setQuery }: Props) {
  const { t } = useI18n();
  const spanFilters = spanFilterCount(query);
  const [more, setMore] = useState(Boolean(query.source || query.district || query.dateFrom || query.dateTo || spanFilters));
  const [title, setTitle] = useState(query.titleContains ?? '');
  // A chip removed or a drill from the dashboard changes the title filter from outside the box (not
  // the value this box sent, which the box may already have moved past).
  const sent = useRef(query.titleContains ?? '');
  useEffect(() => {
    if ((query.titleContains ?? '') !== sent.current) setTitle((sent.current = query.titleContains ?? ''));
  }, [query.titleContains]);

  // Typing in the title filter refetches after a short pause, not on every key.
  useEffect(() => {
    const id = window.setTimeout(() => {
      if ((query.titleContains ?? '') !== title) {
        sent.current = title;
        setQuery({ ...query, titleContains: title || undefined });
      }
    }, 200);
    return () => window.clearTimeout(id);
  }, [title]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
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
        <StatusAndSort query={query} setQuery={setQuery} />
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
      {more && <MoreFilters query={query} setQuery={setQuery} />}
      <DocumentFilterChips
        query={query}
        setQuery={setQuery}
        onClearAll={() => {
          setTitle('');
          setQuery({ sort: query.sort, direction: query.direction });
        }}
      />
    </div>
  );
}

function StatusAndSort({ query, setQuery }: Props) {
  const { t } = useI18n();
  const directionName = query.direction === 'asc' ? t('docs.ascending') : t('docs.descending');
  return (
    <>
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
        aria-label={directionName}
        title={directionName}
        onClick={() => setQuery({ ...query, direction: query.direction === 'asc' ? 'desc' : 'asc' })}
      >
        {query.direction === 'asc' ? '↑' : '↓'}
      </button>
    </>
  );
}

function MoreFilters({ query, setQuery }: Props) {
  const { t } = useI18n();
  return (
    <div className="doc-filters-more">
      <ValuePicker name={t('docs.source')} field="source" value={query.source} onChange={(source) => setQuery({ ...query, source })} />
      <ValuePicker name={t('docs.district')} field="district" value={query.district} onChange={(district) => setQuery({ ...query, district })} />
      <label className="field-inline">
        <span>{t('docs.dateFrom')}</span>
        <input type="date" className="input" value={query.dateFrom ?? ''} onChange={(e) => setQuery({ ...query, dateFrom: e.target.value || undefined })} />
      </label>
      <label className="field-inline">
        <span>{t('docs.dateTo')}</span>
        <input type="date" className="input" value={query.dateTo ?? ''} onChange={(e) => setQuery({ ...query, dateTo: e.target.value || undefined })} />
      </label>
      <DocumentSpanFilters query={query} setQuery={setQuery} />
    </div>
  );
}

/** The corpus's districts or sources, most documents first, asked once when the filters open. */
function useFieldValues(field: 'district' | 'source'): { value: string; documents: number }[] {
  const [values, setValues] = useState<{ value: string; documents: number }[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('documents:values', { field }).then((r) => live && r.ok && setValues(r.value));
    return () => {
      live = false;
    };
  }, [field]);
  return values;
}

/** Typed or picked from the corpus's values (a datalist: a value the corpus lacks can still be typed). */
function ValuePicker({ name, field, value, onChange }: { name: string; field: 'district' | 'source'; value?: string; onChange: (value?: string) => void }) {
  const values = useFieldValues(field);
  const listId = `doc-filter-${field}-values`;
  return (
    <label className="field-inline">
      <span>{name}</span>
      <input className="input" aria-label={name} list={listId} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} />
      <datalist id={listId}>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {`${v.value} (${v.documents})`}
          </option>
        ))}
      </datalist>
    </label>
  );
}
