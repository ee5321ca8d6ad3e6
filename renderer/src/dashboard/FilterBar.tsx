// The dashboard's one filter, above every chart: labels, publication dates, source, district,
// coder, document status and review state. Sources and districts are those the corpus has spans in.
import type { ReactNode } from 'react';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { DOCUMENT_STATUSES, REVIEW_STATES } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { useChannel } from './useChannel';

interface Props {
  filter: DashboardFilter;
  setFilter: (filter: DashboardFilter) => void;
}

/** The filter with `key` set, or removed when the value is empty. */
function patched<K extends keyof DashboardFilter>(filter: DashboardFilter, key: K, value: DashboardFilter[K] | '' | undefined): DashboardFilter {
  const next = { ...filter };
  if (value === '' || value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value as DashboardFilter[K];
  return next;
}

/** The distinct districts or sources with spans, most spans first. */
function useKeys(by: 'district' | 'source'): string[] {
  const rows = useChannel('dashboard:breakdown', { by, filter: {} }).value ?? [];
  const totals = new Map<string, number>();
  for (const r of rows) if (r.key !== null) totals.set(r.key, (totals.get(r.key) ?? 0) + r.mentions);
  return [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)!);
}

function useCoders(): string[] {
  const stats = useChannel('projects:stats', {}).value;
  return (stats?.annotators ?? []).filter((a) => a.count > 0).map((a) => a.name);
}

function Pick({
  label,
  value,
  options,
  onChange,
  names,
}: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onChange: (v: string) => void;
  names?: (v: string) => string;
}) {
  const { t } = useI18n();
  return (
    <label className="dash-filter">
      <span>{label}</span>
      <select className="input input-compact" value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('dashboard.filter.any')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {names ? names(o) : o}
          </option>
        ))}
        {value && !options.includes(value) && <option value={value}>{names ? names(value) : value}</option>}
      </select>
    </label>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="dash-filter">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function FilterBar({ filter, setFilter }: Props) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const districts = useKeys('district');
  const sources = useKeys('source');
  const coders = useCoders();
  const chosen = new Set(filter.labelIds ?? []);
  const set = <K extends keyof DashboardFilter>(key: K, value: DashboardFilter[K] | '') => setFilter(patched(filter, key, value));
  const toggleLabel = (id: number) =>
    set(
      'labelIds',
      labels.map((l) => l.id).filter((l) => (l === id ? !chosen.has(l) : chosen.has(l))),
    );
  return (
    <div className="dash-filters" role="group" aria-label={t('dashboard.filter')}>
      <div className="dash-filter dash-filter-labels" role="group" aria-label={t('dashboard.filter.labels')}>
        <span>{t('dashboard.filter.labels')}</span>
        {labels.map((l) => (
          <button
            key={l.id}
            type="button"
            className={`dash-label-chip${chosen.has(l.id) ? ' is-on' : ''}`}
            style={{ ['--label-color' as string]: l.color }}
            aria-pressed={chosen.has(l.id)}
            onClick={() => toggleLabel(l.id)}
          >
            {labelName(l)}
          </button>
        ))}
      </div>
      <Field label={t('dashboard.filter.dateFrom')}>
        <input
          type="date"
          className="input input-compact"
          value={filter.dateFrom ?? ''}
          max={filter.dateTo}
          onChange={(e) => set('dateFrom', e.target.value)}
        />
      </Field>
      <Field label={t('dashboard.filter.dateTo')}>
        <input type="date" className="input input-compact" value={filter.dateTo ?? ''} min={filter.dateFrom} onChange={(e) => set('dateTo', e.target.value)} />
      </Field>
      <Pick label={t('dashboard.filter.source')} value={filter.source} options={sources} onChange={(v) => set('source', v)} />
      <Pick label={t('dashboard.filter.district')} value={filter.district} options={districts} onChange={(v) => set('district', v)} />
      <Pick label={t('dashboard.filter.annotator')} value={filter.annotator} options={coders} onChange={(v) => set('annotator', v)} />
      <Pick
        label={t('dashboard.filter.status')}
        value={filter.status}
        options={DOCUMENT_STATUSES}
        names={(s) => t(`status.${s as (typeof DOCUMENT_STATUSES)[number]}`)}
        onChange={(v) => set('status', v as DashboardFilter['status'] | '')}
      />
      <Pick
        label={t('dashboard.filter.review')}
        value={filter.reviewState}
        options={REVIEW_STATES}
        names={(s) => t(`spans.review.${s as (typeof REVIEW_STATES)[number]}`)}
        onChange={(v) => set('reviewState', v as DashboardFilter['reviewState'] | '')}
      />
      {Object.keys(filter).length > 0 && (
        <button type="button" className="link-button" onClick={() => setFilter({})}>
          {t('dashboard.filter.clear')}
        </button>
      )}
    </div>
  );
}
