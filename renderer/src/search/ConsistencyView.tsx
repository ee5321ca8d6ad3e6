// Consistency: each labelled mention with its labels and its occurrences no span covers ("林海涛:
// 人物 1, unlabelled 4"); a row's button shows those occurrences in the concordance, ready to label.
import { useCallback, useEffect, useState } from 'react';
import type { ConsistencyPage, ConsistencyRow } from '../../../shared/api/search';
import type { Label } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { errorMessage } from '../state/toasts';

const PAGE = 200;

interface Props {
  labels: Label[];
  /** Shows the mention's occurrences in the concordance (only the unlabelled ones, or all). */
  onShow: (mention: string, unlabelledOnly: boolean) => void;
  /** Changes when spans may have changed, so the table asks again. */
  version: number;
}

export function ConsistencyView({ labels, onShow, version }: Props) {
  const { t } = useI18n();
  const [problemsOnly, setProblemsOnly] = useState(true);
  const [page, setPage] = useState<ConsistencyPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (offset: number) => {
      try {
        const next = await callOrThrow('search:consistency', { problemsOnly, offset, limit: PAGE });
        setPage((prev) => (offset === 0 || !prev ? next : { total: next.total, rows: [...prev.rows, ...next.rows] }));
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [problemsOnly],
  );
  useEffect(() => void load(0), [load, version]);

  return (
    <div className="consistency">
      <div className="consistency-bar">
        <label className="search-toggle">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          <span>{t('consistency.problemsOnly')}</span>
        </label>
        {page && <span className="search-total">{t('consistency.total', { n: page.total })}</span>}
      </div>
      {error && (
        <p className="search-error" role="alert">
          {error}
        </p>
      )}
      {page && page.rows.length === 0 && <p className="empty-note">{t('consistency.none')}</p>}
      {page && page.rows.length > 0 && (
        <div className="consistency-scroll">
          <table className="consistency-table">
            <thead>
              <tr>
                <th>{t('consistency.col.mention')}</th>
                <th>{t('consistency.col.labels')}</th>
                <th>{t('consistency.col.unlabelled')}</th>
                <th>{t('consistency.col.documents')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <MentionRow key={row.mention} row={row} labels={labels} onShow={onShow} />
              ))}
            </tbody>
          </table>
          {page.rows.length < page.total && (
            <button type="button" className="button consistency-more" onClick={() => void load(page.rows.length)}>
              {t('consistency.more')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function MentionRow({ row, labels, onShow }: { row: ConsistencyRow; labels: Label[]; onShow: Props['onShow'] }) {
  const { t, labelName } = useI18n();
  return (
    <tr className={row.labels.length > 1 ? 'is-mixed' : undefined}>
      <td className="consistency-mention" lang="zh-CN">
        {row.mention}
      </td>
      <td>
        {row.labels.map(({ label: key, count }) => {
          const label = labels.find((l) => l.key === key);
          return (
            <span key={key} className="kwic-chip consistency-label">
              <span className="label-dot" style={{ background: label?.color }} aria-hidden="true" />
              {label ? labelName(label) : key} {count}
            </span>
          );
        })}
      </td>
      <td className={row.unlabelled > 0 ? 'consistency-unlabelled' : 'muted'}>{row.unlabelled}</td>
      <td className="muted">{row.documents}</td>
      <td className="consistency-actions">
        {row.unlabelled > 0 && (
          <button type="button" className="button button-small" onClick={() => onShow(row.mention, true)}>
            {t('consistency.showUnlabelled', { n: row.unlabelled })}
          </button>
        )}
        <button type="button" className="button button-small button-ghost" onClick={() => onShow(row.mention, false)}>
          {t('consistency.showAll')}
        </button>
      </td>
    </tr>
  );
}
