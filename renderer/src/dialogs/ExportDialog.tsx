// Export: format, filters, offsets, optional train/dev/test split; runs as a job with progress.
import { useCallback, useEffect, useRef, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { ExportReport } from '../../../shared/api/export';
import { Modal } from '../components/Modal';
import { useJob } from '../hooks/useJob';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { JobProgress } from './ProgressBar';
import { ExportReportView } from './ExportReportView';
import { ExportDownloadLink } from '../projects/ExportDownload';
import { ExportFormatPicker, ExportOutputFields, ExportSelectionFields } from './ExportFields';
import { exportedLabelKeys, exportedStatuses, exportRequest, initialExportOptions, type ExportOptions } from './exportOptions';

/** The target that exists: the user replaces it or picks another name; nothing is overwritten unasked. */
type Conflict = { path: string; folder: boolean };

/** Runs one export as a job: its progress, its report (and the job whose files browser mode offers), or the conflict it met. */
function useExportRun() {
  const toast = useToast();
  const job = useJob<ExportReport>(useCallback((m: string) => toast.error(m), [toast]));
  const [running, setRunning] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [report, setReport] = useState<ExportReport | null>(null);
  const [reportJob, setReportJob] = useState<string | null>(null);

  const start = async (input: ReturnType<typeof exportRequest>) => {
    setRunning(true);
    setReport(null);
    setConflict(null);
    try {
      const { jobId } = await callOrThrow('export:start', input);
      const status = await job.poll(jobId);
      if (status?.state === 'done' && status.result) {
        setReport(status.result);
        setReportJob(jobId);
      }
    } catch (error) {
      const { code, details } = error as { code?: string; details?: { path?: string; folder?: boolean } };
      if (code === 'conflict' && typeof details?.path === 'string') setConflict({ path: details.path, folder: details.folder === true });
      else toast.error(errorMessage(error));
    } finally {
      setRunning(false);
    }
  };
  return { job, running, conflict, dismissConflict: () => setConflict(null), report, reportJob, start };
}

function ExportConflictBanner({ conflict, onReplace, onKeep }: { conflict: Conflict; onReplace: () => void; onKeep: () => void }) {
  const { t } = useI18n();
  return (
    <div className="warning-banner export-conflict" role="alert">
      <span>{t(conflict.folder ? 'export.existsFolder' : 'export.exists', { path: conflict.path })}</span>
      <button type="button" className="button button-small button-danger" onClick={onReplace}>
        {t('export.replace')}
      </button>
      <button type="button" className="button button-small" onClick={onKeep}>
        {t('export.keep')}
      </button>
    </div>
  );
}

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { labels } = useAppState();
  const [options, setOptions] = useState<ExportOptions>(initialExportOptions);
  const set = (patch: Partial<ExportOptions>) => setOptions((prev) => ({ ...prev, ...patch }));
  const allKeys = labels.map((l) => l.key);
  const run = useExportRun();
  const { job, running, conflict, report, reportJob } = run;
  const start = (overwrite = false) => void run.start(exportRequest(options, allKeys, overwrite));
  const reportRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report) reportRef.current?.scrollIntoView({ block: 'end' });
  }, [report]);

  const nothingChosen = exportedLabelKeys(options, allKeys).size === 0 || exportedStatuses(options).size === 0;
  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.close')}
      </button>
      <button type="button" className="button button-primary" disabled={running || nothingChosen} onClick={() => start()}>
        {running ? t('export.running') : t('export.start')}
      </button>
    </>
  );

  return (
    <Modal title={t('export.title')} onClose={onClose} wide footer={footer} className="export-dialog">
      <div className="export-grid">
        <ExportFormatPicker options={options} set={set} />
        <div className="export-filters">
          <ExportSelectionFields options={options} set={set} />
          <ExportOutputFields options={options} set={set} />
        </div>
      </div>
      {conflict && <ExportConflictBanner conflict={conflict} onReplace={() => start(true)} onKeep={run.dismissConflict} />}
      {job.job && (running || job.job.state !== 'done') && <JobProgress job={job.job} label={t('export.running')} onCancel={() => void job.cancel()} />}
      <div ref={reportRef}>
        {report && reportJob && <ExportDownloadLink jobId={reportJob} report={report} />}
        {report && <ExportReportView report={report} />}
      </div>
    </Modal>
  );
}
