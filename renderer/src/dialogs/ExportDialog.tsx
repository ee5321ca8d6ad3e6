// Export: format, filters, offsets, optional train/dev/test split; runs as a job with progress.
import { useCallback, useEffect, useRef, useState } from 'react';
import { callOrThrow } from '../api/client';
import {
  defaultReviewFilter,
  defaultStatuses,
  EXPORT_FORMATS,
  REVIEW_FILTERS,
  type ExportFormat,
  type ExportReport,
  type ReviewFilter,
} from '../../../shared/api/jobs';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../../shared/model';
import { Modal } from '../components/Modal';
import { useJob } from '../hooks/useJob';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { JobProgress } from './ProgressBar';
import { ExportReportView } from './ExportReportView';
import { ExportDownloadLink, ExportOutputHint } from '../projects/ExportDownload';

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const toast = useToast();
  const job = useJob<ExportReport>(useCallback((m: string) => toast.error(m), [toast]));
  const [format, setFormat] = useState<ExportFormat>('biaozhu-jsonl');
  // The labels the user unticked: labels that arrive after the dialog opened (still loading, or
  // added meanwhile) are exported like the others unless unticked too.
  const [leftOutLabels, setLeftOutLabels] = useState<Set<string>>(() => new Set());
  const labelKeys = new Set(labels.filter((l) => !leftOutLabels.has(l.key)).map((l) => l.key));
  // Follows the format's default (to-do documents left out, but for Biaozhu JSONL) until the user picks.
  const [pickedStatuses, setStatuses] = useState<Set<DocumentStatus> | null>(null);
  const statuses = pickedStatuses ?? new Set(defaultStatuses(format));
  const [sources, setSources] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [annotator, setAnnotator] = useState('');
  const [offsets, setOffsets] = useState<'normalized' | 'source'>('normalized');
  // Follows the format's default (rejected spans out of training data) until the user picks one.
  const [review, setReview] = useState<ReviewFilter | null>(null);
  const [split, setSplit] = useState(false);
  const [ratios, setRatios] = useState({ train: 0.8, dev: 0.1, test: 0.1, seed: 42 });
  const [outPath, setOutPath] = useState('');
  const [running, setRunning] = useState(false);
  /** The target that exists: the user replaces it or picks another name; nothing is overwritten unasked. */
  const [conflict, setConflict] = useState<{ path: string; folder: boolean } | null>(null);
  const [report, setReport] = useState<ExportReport | null>(null);
  /** The finished export's job, whose files the browser mode offers as a download. */
  const [reportJob, setReportJob] = useState<string | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report) reportRef.current?.scrollIntoView({ block: 'end' });
  }, [report]);

  const toggle = <T,>(set: Set<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  const start = async (overwrite = false) => {
    setRunning(true);
    setReport(null);
    setConflict(null);
    try {
      const sourceList = sources
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const { jobId } = await callOrThrow('export:start', {
        format,
        offsets,
        review: review ?? defaultReviewFilter(format),
        ...(labelKeys.size < labels.length ? { labelKeys: [...labelKeys] } : {}),
        statuses: [...statuses],
        ...(sourceList.length ? { sources: sourceList } : {}),
        ...(dateFrom ? { dateFrom } : {}),
        ...(dateTo ? { dateTo } : {}),
        ...(annotator.trim() ? { annotator: annotator.trim() } : {}),
        ...(outPath.trim() ? { outPath: outPath.trim() } : {}),
        ...(split ? { split: { seed: ratios.seed, train: ratios.train, dev: ratios.dev, test: ratios.test } } : {}),
        ...(overwrite ? { overwrite: true } : {}),
      });
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

  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.close')}
      </button>
      <button type="button" className="button button-primary" disabled={running || labelKeys.size === 0 || statuses.size === 0} onClick={() => void start()}>
        {running ? t('export.running') : t('export.start')}
      </button>
    </>
  );

  return (
    <Modal title={t('export.title')} onClose={onClose} wide footer={footer} className="export-dialog">
      <div className="export-grid">
        <fieldset className="export-formats">
          <legend>{t('export.format')}</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="radio">
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {t(`format.${f}`)}
            </label>
          ))}
        </fieldset>
        <div className="export-filters">
          <fieldset>
            <legend>{t('export.labels')}</legend>
            <div className="check-row">
              {labels.map((l) => (
                <label key={l.id} className="check">
                  <input type="checkbox" checked={labelKeys.has(l.key)} onChange={(e) => setLeftOutLabels(toggle(leftOutLabels, l.key, !e.target.checked))} />
                  <span className="label-dot" style={{ background: l.color }} /> {labelName(l)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('export.statuses')}</legend>
            <div className="check-row">
              {DOCUMENT_STATUSES.map((s) => (
                <label key={s} className="check">
                  <input type="checkbox" checked={statuses.has(s)} onChange={(e) => setStatuses(toggle(statuses, s, e.target.checked))} />
                  {t(`status.${s}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="export-sources">{t('export.sources')}</label>
            <input id="export-sources" className="input" value={sources} onChange={(e) => setSources(e.target.value)} />
          </div>
          <div className="field-pair">
            <div className="field">
              <label htmlFor="export-from">
                {t('export.dateRange')} · {t('docs.dateFrom')}
              </label>
              <input id="export-from" type="date" className="input" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="export-to">{t('docs.dateTo')}</label>
              <input id="export-to" type="date" className="input" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="export-annotator">{t('export.annotator')}</label>
            <input id="export-annotator" className="input" value={annotator} onChange={(e) => setAnnotator(e.target.value)} />
          </div>
          <fieldset>
            <legend>{t('export.review')}</legend>
            <div className="check-row">
              {REVIEW_FILTERS.map((r) => (
                <label key={r} className="radio">
                  <input type="radio" name="export-review" checked={(review ?? defaultReviewFilter(format)) === r} onChange={() => setReview(r)} />
                  {t(`export.review.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('export.offsets')}</legend>
            <div className="check-row">
              {(['normalized', 'source'] as const).map((o) => (
                <label key={o} className="radio">
                  <input type="radio" name="export-offsets" checked={offsets === o} onChange={() => setOffsets(o)} />
                  {t(`export.offsets.${o}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} />
            {t('export.split')}
          </label>
          {split && (
            <div className="split-row">
              {(['train', 'dev', 'test', 'seed'] as const).map((k) => (
                <div className="field" key={k}>
                  <label htmlFor={`split-${k}`}>{t(`export.${k}`)}</label>
                  <input
                    id={`split-${k}`}
                    className="input"
                    type="number"
                    step={k === 'seed' ? 1 : 0.05}
                    min={0}
                    max={k === 'seed' ? undefined : 1}
                    value={ratios[k]}
                    onChange={(e) => setRatios({ ...ratios, [k]: Number(e.target.value) })}
                  />
                </div>
              ))}
            </div>
          )}
          <div className="field">
            <label htmlFor="export-out">{t('export.outPath')}</label>
            <input id="export-out" className="input" value={outPath} onChange={(e) => setOutPath(e.target.value)} aria-describedby="export-out-hint" />
            <ExportOutputHint format={format} split={split} />
          </div>
        </div>
      </div>
      {conflict && (
        <div className="warning-banner export-conflict" role="alert">
          <span>{t(conflict.folder ? 'export.existsFolder' : 'export.exists', { path: conflict.path })}</span>
          <button type="button" className="button button-small button-danger" onClick={() => void start(true)}>
            {t('export.replace')}
          </button>
          <button type="button" className="button button-small" onClick={() => setConflict(null)}>
            {t('export.keep')}
          </button>
        </div>
      )}
      {job.job && (running || job.job.state !== 'done') && <JobProgress job={job.job} label={t('export.running')} onCancel={() => void job.cancel()} />}
      <div ref={reportRef}>
        {report && reportJob && <ExportDownloadLink jobId={reportJob} report={report} />}
        {report && <ExportReportView report={report} />}
      </div>
    </Modal>
  );
}
