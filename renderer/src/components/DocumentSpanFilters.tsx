// The document list's filters on spans and import warnings: label present or absent, coder,
// warnings, spans, review progress. Shown under "More filters".
import { useEffect, useState } from 'react';
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

// eslint-disable-next-line max-lines-per-function -- to split (#19): not reached yet, several steps in one function
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
      <label className="field-inline">
        <span>{t('docs.filter.withLabel')}</span>
        <select
          className="select"
          aria-label={t('docs.filter.withLabel')}
          value={query.withLabel ?? ''}
          onChange={(e) => set({ withLabel: e.target.value || undefined })}
        >
          {labelOptions(query.withLabel)}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('docs.filter.withoutLabel')}</span>
        <select
          className="select"
          aria-label={t('docs.filter.withoutLabel')}
          value={query.withoutLabel ?? ''}
          onChange={(e) => set({ withoutLabel: e.target.value || undefined })}
        >
          {labelOptions(query.withoutLabel)}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('docs.filter.annotator')}</span>
        <select
          className="select"
          aria-label={t('docs.filter.annotator')}
          value={query.annotator ?? ''}
          onChange={(e) => set({ annotator: e.target.value || undefined })}
        >
          <option value="">{t('docs.filter.any')}</option>
          {coders.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {query.annotator && !coders.includes(query.annotator) && <option value={query.annotator}>{query.annotator}</option>}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('docs.filter.review')}</span>
        <select
          className="select"
          aria-label={t('docs.filter.review')}
          value={query.review ?? ''}
          onChange={(e) => set({ review: (e.target.value || undefined) as ReviewProgress | undefined })}
        >
          <option value="">{t('docs.filter.any')}</option>
          {REVIEW_PROGRESS.map((p) => (
            <option key={p} value={p}>
              {t(`docs.filter.review.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('docs.filter.spans')}</span>
        <select
          className="select"
          aria-label={t('docs.filter.spans')}
          value={yesNo(query.hasSpans)}
          onChange={(e) => set({ hasSpans: fromYesNo(e.target.value) })}
        >
          <option value="">{t('docs.filter.any')}</option>
          <option value="yes">{t('docs.filter.withSpans')}</option>
          <option value="no">{t('docs.filter.withoutSpans')}</option>
        </select>
      </label>
      <label className="field-inline">
        <span>{t('docs.filter.warnings')}</span>
        <select
          className="select"
          aria-label={t('docs.filter.warnings')}
          value={yesNo(query.hasWarnings)}
          onChange={(e) => set({ hasWarnings: fromYesNo(e.target.value) })}
        >
          <option value="">{t('docs.filter.any')}</option>
          <option value="yes">{t('docs.filter.withWarnings')}</option>
          <option value="no">{t('docs.filter.withoutWarnings')}</option>
        </select>
      </label>
    </>
  );
}
