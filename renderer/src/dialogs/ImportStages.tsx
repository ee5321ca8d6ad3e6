// What the import dialog shows at two of its stages: the preview (file list beside the chosen file's detail) and the report.
import { IMPORTED_WITH_NOTE, type ImportPreview, type ImportReport } from '../../../shared/api/import';
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
  const rejected = report.rejected.filter((r) => !IMPORTED_WITH_NOTE.has(r.code ?? ''));
  const notes = report.rejected.filter((r) => IMPORTED_WITH_NOTE.has(r.code ?? ''));
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
      <ProblemList problems={rejected} summary={t('import.rejected', { n: rejected.length })} />
      <ProblemList problems={notes} summary={t('import.notes', { n: notes.length })} />
    </div>
  );
}

function ProblemList({ problems, summary }: { problems: ImportReport['rejected']; summary: string }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <details open>
      <summary>{summary}</summary>
      <ul>
        {problems.map((r, i) => (
          <li key={i}>
            {r.fileName}
            {r.line !== undefined ? `:${r.line}` : ''} — {problemText(t, r)}
          </li>
        ))}
      </ul>
    </details>
  );
}
