// The document list's filters on spans and import warnings: label present or absent, coder,
// warnings, spans, review progress. Shown under "More filters".
import { useEffect, useState, type ReactNode } from 'react';
import { REVIEW_PROGRESS, type ReviewProgress } from '../../../shared/api/document-query';
import { api } from '../api/client';
import type { ListQuery } from '../hooks/useDocumentList';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';

export const SPAN_FILTER_KEYS = ['withLabel', 'withoutLabel', 'annotator', 'hasWarnings', 'hasSpans', 'review'] as const;

/** How many span filters are on (shown on the "More filters" button while it is closed). */
export const spanFilterCount = (q: ListQuery) => SPAN_FILTER_KEYS.filter((k) => q[k] !== undefined && q[k] !== '').length;

const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? 'yes' : 'no');
const fromYesNo = (v: string) => (v === '' ? undefined : v === 'yes');

/** Coders who made at least one span, read once each time the filters open. */
function useCoderNames(): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('projects:stats', {}).then((r) => {
      if (live && r.ok) setNames(r.value.annotators.filter((a) => a.count > 0).map((a) => a.name));
    });
    return () => {
      live = false;
    };
  }, []);
  return names;
}

interface Props {
  query: ListQuery;
  setQuery: (q: ListQuery) => void;
}

export function DocumentSpanFilters({ query, setQuery }: Props) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const coders = useCoderNames();
  const set = (patch: Partial<ListQuery>) => setQuery({ ...query, ...patch });
  // A remembered value this project does not have (another project's label or coder) stays
  // visible, so an empty list is explained and can be undone here.
  const labelOptions = (current: string | undefined) => (
    <>
      <option value="">{t('docs.filter.any')}</option>
      {labels.map((l) => (
        <option key={l.key} value={l.key}>
          {labelName(l)}
        </option>
      ))}
      {current && !labels.some((l) => l.key === current) && <option value={current}>{current}</option>}
    </>
  );
  return (
    <>
      <FilterSelect name={t('docs.filter.withLabel')} value={query.withLabel ?? ''} onChange={(value) => set({ withLabel: value || undefined })}>
        {labelOptions(query.withLabel)}
      </FilterSelect>
      <FilterSelect name={t('docs.filter.withoutLabel')} value={query.withoutLabel ?? ''} onChange={(value) => set({ withoutLabel: value || undefined })}>
        {labelOptions(query.withoutLabel)}
      </FilterSelect>
      <FilterSelect name={t('docs.filter.annotator')} value={query.annotator ?? ''} onChange={(value) => set({ annotator: value || undefined })}>
        <option value="">{t('docs.filter.any')}</option>
        {coders.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        {query.annotator && !coders.includes(query.annotator) && <option value={query.annotator}>{query.annotator}</option>}
      </FilterSelect>
      <FilterSelect
        name={t('docs.filter.review')}
        value={query.review ?? ''}
        onChange={(value) => set({ review: (value || undefined) as ReviewProgress | undefined })}
      >
        <option value="">{t('docs.filter.any')}</option>
        {REVIEW_PROGRESS.map((p) => (
          <option key={p} value={p}>
            {t(`docs.filter.review.${p}`)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect name={t('docs.filter.spans')} value={yesNo(query.hasSpans)} onChange={(value) => set({ hasSpans: fromYesNo(value) })}>
        <option value="">{t('docs.filter.any')}</option>
        <option value="yes">{t('docs.filter.withSpans')}</option>
        <option value="no">{t('docs.filter.withoutSpans')}</option>
      </FilterSelect>
      <FilterSelect name={t('docs.filter.warnings')} value={yesNo(query.hasWarnings)} onChange={(value) => set({ hasWarnings: fromYesNo(value) })}>
        <option value="">{t('docs.filter.any')}</option>
        <option value="yes">{t('docs.filter.withWarnings')}</option>
        <option value="no">{t('docs.filter.withoutWarnings')}</option>
      </FilterSelect>
    </>
  );
}

/** One filter: its name, shown and as the select's accessible name, over the choices. */
function FilterSelect({ name, value, onChange, children }: { name: string; value: string; onChange: (value: string) => void; children: ReactNode }) {
  return (
    <label className="field-inline">
      <span>{name}</span>
      <select className="select" aria-label={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}
