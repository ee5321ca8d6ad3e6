// Browser mode: an export is also offered as a download (a file as itself, a folder as a .zip); and
// the output field says whether the chosen format writes one file or a folder.
import { api, downloadUrl } from '../api/client';
import type { ExportFormat, ExportReport } from '../../../shared/api/export';
import { useI18n } from '../i18n';
import { EXPORT_EXTENSIONS, exportWritesFolder } from './exportOutput';

export function ExportOutputHint({ format, split }: { format: ExportFormat; split: boolean }) {
  const { t } = useI18n();
  return (
    <p className="field-hint" id="export-out-hint" data-testid="export-out-kind">
      {exportWritesFolder(format, split) ? t('export.outFolder') : t('export.outFile', { ext: EXPORT_EXTENSIONS[format] })}
    </p>
  );
}

export function ExportDownloadLink({ jobId, report }: { jobId: string; report: ExportReport }) {
  const { t } = useI18n();
  if (api.mode !== 'browser' || report.files.length === 0) return null;
  const zipped = report.format === 'brat' || report.files.length > 1;
  return (
    <p className="export-download">
      <a className="button button-primary" href={downloadUrl(jobId)} download>
        {zipped ? t('export.downloadZip') : t('export.download')}
      </a>
      <span className="muted">{t('export.downloadHint')}</span>
    </p>
  );
}
