// What an export wrote: files, counts, split sizes, and every dropped span by reason.
import type { ExportReport } from '../../../shared/api/jobs';
import { writtenFiles } from '../../../shared/exchange/written-files';
import { useI18n } from '../i18n';

export function ExportReportView({ report }: { report: ExportReport }) {
  const { t } = useI18n();
  const written = writtenFiles(report.files);
  return (
    <div className="export-report" role="status">
      <p className="report-headline">{t('export.done', { files: report.files.length, docs: report.documents, spans: report.spans })}</p>
      {report.split && <p>{t('export.splitCounts', report.split)}</p>}
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
      {report.dropped.length === 0 ? (
        <p className="muted">{t('export.noDropped')}</p>
      ) : (
        <ul>
          {report.dropped.map((d) => (
            <li key={d.reason}>
              {d.reason}: {d.count}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
