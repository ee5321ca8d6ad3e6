// What a corpus search looks for (regex, label, "not yet labelled", the documents searched: status,
// source, district, dates) and how the concordance is laid out (context width, sort).
import { useEffect, useState } from 'react';
import { MAX_CONTEXT, SEARCH_SORTS, type SearchQuery, type SearchSort } from '../../../shared/api/search';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { ConcordanceRequest } from './useSearchResults';

export interface SearchOptionsValue {
  regex: boolean;
  /** A label's key, or '' for any text. */
  label: string;
  unlabelled: boolean;
  /** Spans of this coder only (label filter, "not yet labelled", labels shown); '' for every coder. */
  annotator: string;
  status: DocumentStatus | '';
  source: string;
  district: string;
  dateFrom: string;
  dateTo: string;
  context: number;
  sort: SearchSort;
  direction: 'asc' | 'desc';
}

export const DEFAULT_OPTIONS: SearchOptionsValue = {
  regex: false,
  label: '',
  unlabelled: false,
  annotator: '',
  status: '',
  source: '',
  district: '',
  dateFrom: '',
  dateTo: '',
  context: 30,
  sort: 'document',
  direction: 'asc',
};

/** The API's request for a query and these options; null when there is nothing to look for. */
export function concordanceRequest(query: string, o: SearchOptionsValue): ConcordanceRequest | null {
  if (!query && !o.label) return null;
  const scope: NonNullable<SearchQuery['scope']> = {};
  if (o.status) scope.status = o.status;
  if (o.source.trim()) scope.source = o.source.trim();
  if (o.district.trim()) scope.district = o.district.trim();
  if (o.dateFrom) scope.dateFrom = o.dateFrom;
  if (o.dateTo) scope.dateTo = o.dateTo;
  const search: SearchQuery = { query, regex: o.regex, unlabelled: o.unlabelled, scope };
  if (o.label) search.label = o.label;
  if (o.annotator.trim()) search.annotator = o.annotator.trim();
  return { search, sort: o.sort, direction: o.direction, context: o.context };
}

interface Props {
  value: SearchOptionsValue;
  onChange: (next: SearchOptionsValue) => void;
}

export function SearchOptions({ value, onChange }: Props) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const set = <K extends keyof SearchOptionsValue>(key: K, v: SearchOptionsValue[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="search-options" role="group" aria-label={t('search.title')}>
      <label className="search-toggle" title={t('search.regexHint')}>
        <input type="checkbox" checked={value.regex} onChange={(e) => set('regex', e.target.checked)} />
        <span>{t('search.regex')}</span>
      </label>
      <label className="search-field">
        <span>{t('search.label')}</span>
        <select className="input input-compact" value={value.label} onChange={(e) => set('label', e.target.value)}>
          <option value="">{t('search.anyText')}</option>
          {labels.map((l) => (
            <option key={l.id} value={l.key}>
              {labelName(l)}
            </option>
          ))}
        </select>
      </label>
      <label className="search-toggle">
        <input type="checkbox" checked={value.unlabelled} onChange={(e) => set('unlabelled', e.target.checked)} />
        <span>{t('search.unlabelled')}</span>
      </label>
      <DraftField label={t('search.annotator')} value={value.annotator} onCommit={(v) => set('annotator', v)} />
      <span className="toolbar-sep" />
      <label className="search-field">
        <span>{t('search.status')}</span>
        <select className="input input-compact" value={value.status} onChange={(e) => set('status', e.target.value as DocumentStatus | '')}>
          <option value="">{t('search.anyStatus')}</option>
          {DOCUMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <DraftField label={t('search.source')} value={value.source} onCommit={(v) => set('source', v)} />
      <DraftField label={t('search.district')} value={value.district} onCommit={(v) => set('district', v)} />
      <label className="search-field">
        <span>{t('search.dateFrom')}</span>
        <input className="input input-compact" type="date" value={value.dateFrom} onChange={(e) => set('dateFrom', e.target.value)} />
      </label>
      <label className="search-field">
        <span>{t('search.dateTo')}</span>
        <input className="input input-compact" type="date" value={value.dateTo} onChange={(e) => set('dateTo', e.target.value)} />
      </label>
    </div>
  );
}

/** How the lines are laid out: context width and order. */
export function ConcordanceView({ value, onChange }: Props) {
  const { t } = useI18n();
  return (
    <span className="concordance-view">
      <ContextWidth value={value.context} onCommit={(context) => onChange({ ...value, context })} />
      <label className="search-field">
        <span>{t('search.sort')}</span>
        <select className="input input-compact" value={value.sort} onChange={(e) => onChange({ ...value, sort: e.target.value as SearchSort })}>
          {SEARCH_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`search.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button-ghost search-direction"
        aria-label={`${t('search.direction')}: ${t(value.direction === 'asc' ? 'search.asc' : 'search.desc')}`}
        title={t(value.direction === 'asc' ? 'search.asc' : 'search.desc')}
        onClick={() => onChange({ ...value, direction: value.direction === 'asc' ? 'desc' : 'asc' })}
      >
        {value.direction === 'asc' ? '↑' : '↓'}
      </button>
    </span>
  );
}

/** Context width: the slider moves freely and the search follows when it is let go. */
function ContextWidth({ value, onCommit }: { value: number; onCommit: (v: number) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <label className="search-field search-context">
      <span>{t('search.context')}</span>
      <input
        type="range"
        min={5}
        max={Math.min(100, MAX_CONTEXT)}
        step={5}
        value={draft}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output>{t('search.contextValue', { n: draft })}</output>
    </label>
  );
}

/** A text filter applied on Enter or when the field is left, not at every keystroke. */
function DraftField({ label, value, onCommit }: { label: string; value: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <label className="search-field">
      <span>{label}</span>
      <input
        className="input input-compact search-text-filter"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && onCommit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft !== value) onCommit(draft);
        }}
      />
    </label>
  );
}
