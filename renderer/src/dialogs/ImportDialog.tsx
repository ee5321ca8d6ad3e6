// Import: pick files → preview job (encodings, warnings, before/after) → choose → commit job → report.
import { useCallback, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { ImportPreview, ImportReport } from '../../../shared/api/jobs';
import { Modal } from '../components/Modal';
import { useJob } from '../hooks/useJob';
import { useI18n } from '../i18n';
import { errorMessage, useToast } from '../state/toasts';
import { ImportFileDetail } from './ImportFileDetail';
import { ImportPick } from './ImportPick';
import { ImportPreviewList } from './ImportPreviewList';
import type { ImportOptionsState, PickedSource } from './importTypes';
import { JobProgress } from './ProgressBar';
import { problemText } from '../i18n/problems';
import { DemoImportNotice, NewProjectBeforeImport } from '../projects/DemoImportNotice';

type Stage = 'pick' | 'previewing' | 'preview' | 'committing' | 'done';

interface Props {
  onClose: () => void;
  onImported: () => void;
  /** Files dropped on the window before the dialog opened. */
  initialSources?: PickedSource[];
}

export function ImportDialog({ onClose, onImported, initialSources = [] }: Props) {
  const { t } = useI18n();
  const toast = useToast();
  const onError = useCallback((m: string) => toast.error(m), [toast]);
  const previewJob = useJob<ImportPreview>(onError);
  const commitJob = useJob<ImportReport>(onError);
  const [stage, setStage] = useState<Stage>('pick');
  const [sources, setSources] = useState<PickedSource[]>(initialSources);
  const [options, setOptions] = useState<ImportOptionsState>({ disabledSteps: [], encoding: '', splitArticles: true });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [included, setIncluded] = useState<Set<number>>(new Set());
  const [active, setActive] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [newProjectFirst, setNewProjectFirst] = useState(false);

  const startPreview = async () => {
    setStage('previewing');
    try {
      const { jobId } = await callOrThrow('import:preview', {
        sources: sources.map((s) => s.source),
        options: {
          disabledSteps: options.disabledSteps,
          splitArticles: options.splitArticles,
          fieldMapping: {},
          ...(options.encoding ? { encoding: options.encoding } : {}),
        },
      });
      const status = await previewJob.poll(jobId);
      if (status?.state === 'done' && status.result) {
        setPreview(status.result);
        const ok = status.result.files.filter((f) => !f.error).map((f) => f.index);
        setIncluded(new Set(ok));
        setActive(status.result.files[0]?.index ?? null);
        setStage('preview');
      } else setStage('pick');
    } catch (error) {
      toast.error(errorMessage(error));
      setStage('pick');
    }
  };

  const commit = async () => {
    if (!preview) return;
    setStage('committing');
    try {
      const { jobId } = await callOrThrow('import:commit', { previewId: preview.previewId, include: [...included].sort((a, b) => a - b) });
      const status = await commitJob.poll(jobId);
      if (status?.state === 'done' && status.result) {
        setReport(status.result);
        setStage('done');
        onImported();
      } else setStage('preview');
    } catch (error) {
      toast.error(errorMessage(error));
      setStage('preview');
    }
  };

  const restart = () => {
    previewJob.reset();
    setPreview(null);
    setSources([]);
    setStage('pick');
  };

  const activeFile = preview?.files.find((f) => f.index === active) ?? null;
  if (newProjectFirst) return <NewProjectBeforeImport onClose={() => setNewProjectFirst(false)} />;

  const footer =
    stage === 'pick' ? (
      <>
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={sources.length === 0} onClick={() => void startPreview()}>
          {t('import.preview')}
        </button>
      </>
    ) : stage === 'preview' ? (
      <>
        <button type="button" className="button" onClick={restart}>
          {t('import.restart')}
        </button>
        <button type="button" className="button button-primary" disabled={included.size === 0} onClick={() => void commit()}>
          {t('import.commit', { n: included.size })}
        </button>
      </>
    ) : stage === 'done' ? (
      <button type="button" className="button button-primary" onClick={onClose}>
        {t('common.close')}
      </button>
    ) : null;

  return (
    <Modal title={t('import.title')} onClose={onClose} wide footer={footer} className="import-dialog">
      {(stage === 'pick' || stage === 'preview') && <DemoImportNotice onNewProject={() => setNewProjectFirst(true)} />}
      {stage === 'pick' && <ImportPick sources={sources} setSources={setSources} options={options} setOptions={setOptions} />}
      {stage === 'previewing' && previewJob.job && (
        <JobProgress job={previewJob.job} label={t('import.previewing')} onCancel={() => void previewJob.cancel()} />
      )}
      {stage === 'previewing' && !previewJob.job && <p className="muted">{t('import.previewing')}</p>}
      {stage === 'preview' && preview && (
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
      )}
      {stage === 'committing' &&
        (commitJob.job ? (
          <JobProgress job={commitJob.job} label={t('import.committing')} onCancel={() => void commitJob.cancel()} />
        ) : (
          <p className="muted">{t('import.committing')}</p>
        ))}
      {stage === 'done' && report && (
        <div className="import-report" role="status">
          <p className="report-headline">{t('import.done', { n: report.imported, spans: report.spansImported })}</p>
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
      )}
    </Modal>
  );
}
