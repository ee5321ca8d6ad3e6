// The exact totals once counted (the first page never waits for them), hits per year as a small
// bar row, and saving the whole concordance as CSV or TSV for R and pandas.
import { useState } from 'react';
import { callOrThrow } from '../api/client';
import { download } from '../state/download';
import { useI18n } from '../i18n';
import { errorMessage, useToast } from '../state/toasts';
import type { ConcordanceRequest, SearchResults } from './useSearchResults';

export function SearchCounts({ results, request }: { results: SearchResults; request: ConcordanceRequest | null }) {
  const { t } = useI18n();
  const { counts } = results;
  if (!request) return <span className="search-counts" />;
  return (
    <div className="search-counts" aria-live="polite">
      <span className="search-total" data-testid="search-total">
        {counts
          ? t('search.total', { hits: counts.hits, documents: counts.documents })
          : results.firstPageLoaded
            ? `${t(results.more ? 'search.soFar' : 'search.hits', { n: results.loaded })} · ${t('search.counting')}`
            : t('search.counting')}
      </span>
      {counts && counts.perYear.length > 0 && <YearBars perYear={counts.perYear} />}
      <SaveConcordance request={request} disabled={results.rowCount === 0} />
    </div>
  );
}

function YearBars({ perYear }: { perYear: { year: number | null; hits: number }[] }) {
  const { t } = useI18n();
  const max = Math.max(...perYear.map((y) => y.hits), 1);
  const years = [...perYear].sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity));
  return (
    <div className="year-bars" role="img" aria-label={years.map((y) => t('search.yearBar', { year: y.year ?? t('search.noDate'), n: y.hits })).join('; ')}>
      {years.map((y) => (
        <span key={y.year ?? 'none'} className="year-bar" title={t('search.yearBar', { year: y.year ?? t('search.noDate'), n: y.hits })}>
          <span className="year-bar-fill" style={{ height: Math.max(2, Math.round((20 * y.hits) / max)) }} />
          <span className="year-bar-year">{y.year === null ? '—' : String(y.year).slice(2)}</span>
        </span>
      ))}
    </div>
  );
}

function SaveConcordance({ request, disabled }: { request: ConcordanceRequest; disabled: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const save = async (format: 'csv' | 'tsv') => {
    setBusy(true);
    try {
      const file = await callOrThrow('search:concordanceFile', { ...request, format });
      const name = `biaozhu-concordance.${format}`;
      download(name, file.text);
      toast.info(t('search.saved', { n: file.hits, name }));
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="search-save" role="group" aria-label={t('search.save')}>
      <span className="muted">{t('search.save')}</span>
      {(['csv', 'tsv'] as const).map((format) => (
        <button key={format} type="button" className="button button-small" disabled={disabled || busy} onClick={() => void save(format)}>
          {t(format === 'csv' ? 'search.saveCsv' : 'search.saveTsv')}
        </button>
      ))}
    </span>
  );
}
