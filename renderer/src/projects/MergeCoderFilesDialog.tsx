// "Merge coder files…": pick the coders' project files, see how they match this project (documents,
// labels), choose where differing labels go, then merge (coders:mergePreview, then coders:merge).
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { MergeReport } from '../../../shared/api/coders';
import type { Label } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { FileBrowserDialog } from './FileBrowserDialog';
import { MergeFileList, MergeLabelTable, MergeProblems, MergeReportList, NEW_LABEL, useMergePreview } from './MergeCoderParts';

const folderOf = (path: string | undefined) => path?.replace(/[\\/][^\\/]*$/, '') || undefined;

/** coders:merge, then the report; closing it reopens the project so every list shows the merged spans and labels. */
function useMergeRun(onClose: () => void) {
  const app = useAppState();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<MergeReport | null>(null);

  const merge = async ({ paths, choices, addMissing, force }: { paths: string[]; choices: Record<string, string>; addMissing: boolean; force: boolean }) => {
    setBusy(true);
    try {
      const labelMap = Object.fromEntries(Object.entries(choices).filter(([, to]) => to !== NEW_LABEL));
      const acceptNewLabels = Object.values(choices).includes(NEW_LABEL);
      setReport(await callOrThrow('coders:merge', { paths, labelMap, acceptNewLabels, addMissing, force }));
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const finish = async () => {
    onClose();
    const info = (await callOrThrow('app:info', {})).project;
    // Same project, new spans and maybe labels: remount the workbench so every list reloads.
    flushSync(() => app.setProject(null));
    app.setProject(info);
  };
  return { busy, report, merge, finish };
}

export function MergeCoderFilesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const app = useAppState();
  const toast = useToast();
  const [paths, setPaths] = useState<string[]>([]);
  const [browsing, setBrowsing] = useState(false);
  const [labels, setLabels] = useState<Label[]>([]);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const { preview, previewError } = useMergePreview(paths, setChoices);
  const [addMissing, setAddMissing] = useState(false);
  const [force, setForce] = useState(false);
  const { busy, report, merge, finish } = useMergeRun(onClose);

  useEffect(() => {
    callOrThrow('labels:list', {}).then(setLabels, (error: unknown) => toast.error(errorMessage(error)));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const differing = preview?.labels.filter((l) => l.kind !== 'same') ?? [];
  const missing = preview?.coders.reduce((n, c) => n + c.documentsMissing.length, 0) ?? 0;
  const blocked = !preview || (preview.problems.length > 0 && !force);

  const footer = report ? (
    <button type="button" className="button button-primary" onClick={() => void finish()}>
      {t('common.close')}
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="button button-primary" disabled={blocked || busy} onClick={() => void merge({ paths, choices, addMissing, force })}>
        {busy ? t('coders.merging') : t('coders.merge')}
      </button>
    </>
  );

  // In place of this dialog, not on top of it: one modal at a time gets Escape and the focus.
  if (browsing) {
    return (
      <FileBrowserDialog
        purpose="project"
        title={t('coders.addFile')}
        startPath={folderOf(paths[paths.length - 1] ?? app.project?.path)}
        onPick={(path) => {
          setBrowsing(false);
          if (!paths.includes(path)) setPaths([...paths, path]);
        }}
        onClose={() => setBrowsing(false)}
      />
    );
  }

  return (
    <Modal title={t('coders.mergeTitle')} onClose={report ? () => void finish() : onClose} wide footer={footer} className="merge-dialog">
      {report ? (
        <MergeReportList report={report} />
      ) : (
        <>
          <p>{t('coders.mergeIntro')}</p>
          <MergeFileList paths={paths} preview={preview} onRemove={(path) => setPaths(paths.filter((p) => p !== path))} />
          <button type="button" className="button" onClick={() => setBrowsing(true)}>
            {t('coders.addFile')}
          </button>
          {previewError && (
            <p className="form-error" role="alert">
              {previewError}
            </p>
          )}
          {preview && preview.problems.length > 0 && <MergeProblems problems={preview.problems} force={force} setForce={setForce} />}
          {differing.length > 0 && <MergeLabelTable differing={differing} labels={labels} choices={choices} setChoices={setChoices} />}
          {missing > 0 && (
            <label>
              <input type="checkbox" checked={addMissing} onChange={(e) => setAddMissing(e.target.checked)} /> {t('coders.addMissing', { n: missing })}
            </label>
          )}
        </>
      )}
    </Modal>
  );
}
