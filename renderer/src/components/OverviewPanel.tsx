// Side-panel tab: the whole project at a glance — documents by status, spans by label, by coder
// and by review state, as counts with plain CSS bars. A status, label or coder row filters the
// document list.
import { useCallback, useEffect, useState } from 'react';
import { DOCUMENT_STATUSES, REVIEW_STATES, type ProjectStats, type ReviewState } from '../../../shared/model';
import { api } from '../api/client';
import type { ListQuery } from '../hooks/useDocumentList';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';

interface Row {
  id: string;
  name: string;
  count: number;
  color?: string;
  /** Filter the document list to this row; rows without it are not clickable. */
  filter?: Partial<ListQuery>;
  hint?: string;
}

const REVIEW_COLORS: Record<ReviewState, string> = { pending: 'var(--warn)', accepted: 'var(--ok)', rejected: 'var(--danger)' };

interface Props {
  filterList: (patch: Partial<ListQuery>) => void;
}

export function OverviewPanel({ filterList }: Props) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const [stats, setStats] = useState<ProjectStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    let live = true;
    void api.call('projects:stats', {}).then((r) => {
      if (!live) return;
      if (r.ok) setStats(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(load, [load]);

  if (error)
    return (
      <p className="empty-note" role="alert">
        {error}
      </p>
    );
  if (!stats) return <p className="empty-note">{t('common.loading')}</p>;

  const statusRows: Row[] = DOCUMENT_STATUSES.map((s) => ({
    id: s,
    name: t(`status.${s}`),
    count: stats.byStatus[s],
    color: `var(--status-${s})`,
    filter: { status: s },
    hint: t('overview.showStatus', { status: t(`status.${s}`) }),
  }));
  const labelRows: Row[] = stats.byLabel.map(({ labelKey, count }) => {
    const label = labels.find((l) => l.key === labelKey);
    const name = label ? labelName(label) : labelKey;
    return { id: labelKey, name, count, color: label?.color, filter: { withLabel: labelKey }, hint: t('overview.showLabel', { label: name }) };
  });
  const coderRows: Row[] = stats.annotators
    .filter((a) => a.count > 0)
    .map(({ name, count }) => ({ id: name, name, count, filter: { annotator: name }, hint: t('overview.showCoder', { name }) }));
  const reviewRows: Row[] = REVIEW_STATES.map((s) => ({ id: s, name: t(`spans.review.${s}`), count: stats.byReview[s], color: REVIEW_COLORS[s] }));

  return (
    <div className="overview" data-testid="overview">
      <div className="overview-head">
        <p className="overview-totals">{t('overview.totals', { documents: stats.documents, spans: stats.annotations })}</p>
        <button type="button" className="button button-small" onClick={load}>
          {t('overview.refresh')}
        </button>
      </div>
      <p className="overview-hint">{t('overview.hint')}</p>
      {stats.duplicateSpansRemoved > 0 && (
        <p className="overview-hint" data-testid="duplicates-removed">
          {t('overview.duplicatesRemoved', { n: stats.duplicateSpansRemoved })}
        </p>
      )}
      <OverviewGroup id="status" title={t('overview.byStatus')} rows={statusRows} filterList={filterList} />
      <OverviewGroup id="labels" title={t('overview.byLabel')} rows={labelRows} filterList={filterList} />
      {stats.annotations === 0 ? (
        <p className="empty-note">{t('overview.noSpans')}</p>
      ) : (
        <>
          <OverviewGroup id="coders" title={t('overview.byCoder')} rows={coderRows} filterList={filterList} />
          <OverviewGroup id="review" title={t('overview.byReview')} rows={reviewRows} filterList={filterList} />
        </>
      )}
    </div>
  );
}

function OverviewGroup({ id, title, rows, filterList }: { id: string; title: string; rows: Row[]; filterList: Props['filterList'] }) {
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <section className="overview-group" aria-labelledby={`overview-${id}`}>
      <h3 id={`overview-${id}`} className="overview-title">
        {title}
      </h3>
      <ul className="overview-rows">
        {rows.map((row) => {
          const share = total > 0 ? row.count / total : 0;
          const body = (
            <>
              <span className="overview-name">{row.name}</span>
              <span className="overview-bar" aria-hidden="true">
                <span className="overview-fill" style={{ width: `${(share * 100).toFixed(1)}%`, background: row.color }} />
              </span>
              <span className="overview-count">{row.count.toLocaleString()}</span>
            </>
          );
          return (
            <li key={row.id} data-row={row.id}>
              {row.filter ? (
                <button type="button" className="overview-row" title={row.hint} onClick={() => filterList(row.filter!)}>
                  {body}
                </button>
              ) : (
                <div className="overview-row">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
