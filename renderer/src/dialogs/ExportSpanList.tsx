// Which spans an export dropped or wrote with changed edges: a collapsible table of the first rows
// (a report can list 10,000) and the whole list saved as CSV, made here from the report.
import { EXPORT_SPAN_LIST_CAP, type ExportReport } from '../../../shared/api/export';
import { spanIssuesCsv } from '../../../shared/exchange/span-issues';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { en } from '../i18n/en';
import { download } from '../state/download';

/** Rows drawn in the dialog; the CSV holds every listed span. */
const ROWS_SHOWN = 200;

/** A reason an exporter reported, in the user's language; a reason without a text shows its key. */
export function reasonText(t: Translate, reason: string): string {
  const key = `export.reason.${reason}`;
  return key in en ? t(key as MessageKey) : reason;
}

export function ExportSpanList({ report }: { report: ExportReport }) {
  const { t } = useI18n();
  const { spanList, spanListMore } = report;
  if (spanList.length === 0 && spanListMore === 0) return null;
  const shown = spanList.slice(0, ROWS_SHOWN);
  return (
    <details className="export-span-list" data-testid="export-span-list">
      <summary>{t('export.spanList', { n: spanList.length + spanListMore })}</summary>
      <div className="export-span-table-wrap">
        <table className="export-span-table">
          <thead>
            <tr>
              <th scope="col">{t('export.col.kind')}</th>
              <th scope="col">{t('export.col.document')}</th>
              <th scope="col">{t('export.col.text')}</th>
              <th scope="col">{t('export.col.label')}</th>
              <th scope="col">{t('export.col.offsets')}</th>
              <th scope="col">{t('export.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={`${s.kind}-${s.spanId}`} data-span-id={s.spanId}>
                <td>{t(`export.kind.${s.kind}`)}</td>
                <td>
                  <span className="muted">#{s.documentId}</span> {s.title}
                </td>
                <td className="span-text">{s.text}</td>
                <td>{s.label}</td>
                <td className="numeric">
                  {s.start}–{s.end}
                </td>
                <td>{reasonText(t, s.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {spanList.length > ROWS_SHOWN && <p className="muted">{t('export.spanList.more', { shown: ROWS_SHOWN, listed: spanList.length })}</p>}
      {spanListMore > 0 && <p className="muted">{t('export.spanList.notListed', { n: spanListMore, cap: EXPORT_SPAN_LIST_CAP })}</p>}
      <button type="button" className="button button-small" onClick={() => download(`biaozhu-${report.format}-spans.csv`, spanIssuesCsv(spanList))}>
        {t('export.spanList.save')}
      </button>
    </details>
  );
}
