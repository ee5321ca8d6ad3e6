// What the import dialog shows at two of its stages: the preview (file list beside the chosen file's detail) and the report.
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { useI18n } from '../i18n';
import { problemText } from '../i18n/problems';
import { ImportFileDetail } from './ImportFileDetail';
import { ImportPreviewList } from './ImportPreviewList';
import { ImportEntityCounts } from '../entities/ImportEntityCounts';

interface PreviewProps {
  preview: ImportPreview;
  setPreview: (preview: ImportPreview) => void;
  included: Set<number>;
  setIncluded: (included: Set<number>) => void;
  active: number | null;
  setActive: (index: number) => void;
}

export function ImportPreviewStage({ preview, setPreview, included, setIncluded, active, setActive }: PreviewProps) {
  const { t } = useI18n();
  const activeFile = preview.files.find((f) => f.index === active) ?? null;
  return (
    <div className="import-preview">
      <ImportPreviewList preview={preview} included={included} setIncluded={setIncluded} active={active} setActive={setActive} />
      <div className="import-preview-detail">
        {activeFile ? (
          <ImportFileDetail
            previewId={preview.previewId}
            file={activeFile}
            onFileChange={(file) => setPreview({ ...preview, files: preview.files.map((f) => (f.index === file.index ? file : f)) })}
          />
        ) : (
          <p className="muted">{t('import.pickFile')}</p>
        )}
      </div>
    </div>
  );
}

export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  return (
    <div className="import-report" role="status">
      <p className="report-headline">{t('import.done', { n: report.imported, spans: report.spansImported })}</p>
      <ImportEntityCounts report={report} />
      {report.duplicateSpansMerged > 0 && <p className="muted">{t('import.duplicateSpansMerged', { n: report.duplicateSpansMerged })}</p>}
      {report.skippedDuplicates.length > 0 && (
        <details>
          <summary>{t('import.skipped', { n: report.skippedDuplicates.length })}</summary>
          <ul>
            {report.skippedDuplicates.map((d, i) => (
              <li key={i}>
                {d.fileName}: {d.title}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.rejected.length > 0 && (
        <details open>
          <summary>{t('import.rejected', { n: report.rejected.length })}</summary>
          <ul>
            {report.rejected.map((r, i) => (
              <li key={i}>
                {r.fileName}
                {r.line !== undefined ? `:${r.line}` : ''} — {problemText(t, r)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
