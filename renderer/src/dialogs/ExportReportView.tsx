// What an export wrote: files, counts, split sizes, and every dropped or adjusted span by reason.
import type { ExportReport } from '../../../shared/api/export';
import { writtenFiles } from '../../../shared/exchange/written-files';
import { useI18n, type Translate } from '../i18n';
import { ExportSpanList, reasonText } from './ExportSpanList';

function ReasonCounts({ counts, t }: { counts: { reason: string; count: number }[]; t: Translate }) {
  return (
    <ul className="reason-counts">
      {counts.map((d) => (
        <li key={d.reason} data-reason={d.reason}>
          <strong>{d.count}</strong> {reasonText(t, d.reason)}
        </li>
      ))}
    </ul>
  );
}

export function ExportReportView({ report }: { report: ExportReport }) {
  const { t } = useI18n();
  const written = writtenFiles(report.files);
  const adjusted = report.adjusted ?? [];
  return (
    <div className="export-report" role="status">
      <p className="report-headline">{t('export.done', { files: report.files.length, docs: report.documents, spans: report.spans })}</p>
      {report.split && <p>{t('export.splitCounts', report.split)}</p>}
      {report.reviewLeftOut > 0 && <p data-testid="review-left-out">{t('export.reviewLeftOut', { n: report.reviewLeftOut })}</p>}
      {report.todoLeftOut > 0 && <p data-testid="todo-left-out">{t('export.todoLeftOut', { n: report.todoLeftOut })}</p>}
      <h4 className="subsection-title">{t('export.filesWritten')}</h4>
      <ul className="file-list">
        {written.listed.map((f) => (
          <li key={f}>
            <code>{f}</code>
          </li>
        ))}
        {written.more > 0 && <li className="muted">{t('export.moreFiles', { count: written.more, folder: written.folder })}</li>}
      </ul>
      <h4 className="subsection-title">{t('export.dropped')}</h4>
      {report.dropped.length === 0 ? <p className="muted">{t('export.noDropped')}</p> : <ReasonCounts counts={report.dropped} t={t} />}
      {adjusted.length > 0 && (
        <>
          <h4 className="subsection-title">{t('export.adjusted')}</h4>
          <ReasonCounts counts={adjusted} t={t} />
        </>
      )}
      <ExportSpanList report={report} />
    </div>
  );
}
