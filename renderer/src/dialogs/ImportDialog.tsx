// Import: pick files → preview job (encodings, warnings, before/after) → choose → commit job → report.
import { useCallback, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { ImportPreview, ImportReport } from '../../../shared/api/import';
import { Modal } from '../components/Modal';
import { useJob } from '../hooks/useJob';
import { useI18n } from '../i18n';
import { errorMessage, useToast } from '../state/toasts';
import { ImportPick } from './ImportPick';
import { ImportPreviewStage, ImportReportView } from './ImportStages';
import type { ImportOptionsState, PickedSource } from './importTypes';
import { JobProgress } from './ProgressBar';
import { DemoImportNotice, NewProjectBeforeImport } from '../projects/DemoImportNotice';

type Stage = 'pick' | 'previewing' | 'preview' | 'committing' | 'done';

interface Props {
  onClose: () => void;
  onImported: () => void;
  /** Files dropped on the window before the dialog opened. */
  initialSources?: PickedSource[];
}

/** The stages and the two jobs that move between them: preview the picked files, then commit the ones included. */
function useImportFlow(initialSources: PickedSource[], onImported: () => void) {
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

  const picking = { sources, setSources, options, setOptions };
  const choosing = { preview, setPreview, included, setIncluded, active, setActive };
  return { stage, previewJob, commitJob, report, picking, choosing, startPreview, commit, restart };
}

export function ImportDialog({ onClose, onImported, initialSources = [] }: Props) {
  const { t } = useI18n();
  const flow = useImportFlow(initialSources, onImported);
  const { stage, previewJob, commitJob, report, picking, choosing } = flow;
  const { preview, included } = choosing;
  const [newProjectFirst, setNewProjectFirst] = useState(false);

  if (newProjectFirst) return <NewProjectBeforeImport onClose={() => setNewProjectFirst(false)} />;

  const footer =
    stage === 'pick' ? (
      <>
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={picking.sources.length === 0} onClick={() => void flow.startPreview()}>
          {t('import.preview')}
        </button>
      </>
    ) : stage === 'preview' ? (
      <>
        <button type="button" className="button" onClick={flow.restart}>
          {t('import.restart')}
        </button>
        <button type="button" className="button button-primary" disabled={included.size === 0} onClick={() => void flow.commit()}>
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
      {stage === 'pick' && <ImportPick {...picking} />}
      {stage === 'previewing' && previewJob.job && (
        <JobProgress job={previewJob.job} label={t('import.previewing')} onCancel={() => void previewJob.cancel()} />
      )}
      {stage === 'previewing' && !previewJob.job && <p className="muted">{t('import.previewing')}</p>}
      {stage === 'preview' && preview && <ImportPreviewStage {...choosing} preview={preview} />}
      {stage === 'committing' &&
        (commitJob.job ? (
          <JobProgress job={commitJob.job} label={t('import.committing')} onCancel={() => void commitJob.cancel()} />
        ) : (
          <p className="muted">{t('import.committing')}</p>
        ))}
      {stage === 'done' && report && <ImportReportView report={report} />}
    </Modal>
  );
}
