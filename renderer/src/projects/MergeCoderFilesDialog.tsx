// "Merge coder files…": pick the coders' project files, see how they match this project (documents,
// labels), choose where differing labels go, then merge (coders:mergePreview, then coders:merge).
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { LabelMapping, MergePreview, MergeReport } from '../../../shared/api/coders';
import type { Label } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { FileBrowserDialog } from './FileBrowserDialog';

/** A differing label's destination: a project label key, or NEW_LABEL to add it to the project. */
const NEW_LABEL = '\u0000new';

const folderOf = (path: string | undefined) => path?.replace(/[\\/][^\\/]*$/, '') || undefined;

export function MergeCoderFilesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const app = useAppState();
  const toast = useToast();
  const [paths, setPaths] = useState<string[]>([]);
  const [browsing, setBrowsing] = useState(false);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [labels, setLabels] = useState<Label[]>([]);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [addMissing, setAddMissing] = useState(false);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<MergeReport | null>(null);

  useEffect(() => {
    callOrThrow('labels:list', {}).then(setLabels, (error: unknown) => toast.error(errorMessage(error)));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    if (paths.length === 0) return;
    let current = true;
    callOrThrow('coders:mergePreview', { paths }).then(
      (next) => {
        if (!current) return;
        setPreview(next);
        // A renamed label defaults to the label it was handed out as; a new one to being added.
        setChoices(Object.fromEntries(next.labels.filter((l) => l.kind !== 'same').map((l) => [l.coderKey, l.suggested ?? NEW_LABEL])));
      },
      (error: unknown) => current && setPreviewError(errorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, [paths]);

  const differing = preview?.labels.filter((l) => l.kind !== 'same') ?? [];
  const missing = preview?.coders.reduce((n, c) => n + c.documentsMissing.length, 0) ?? 0;
  const blocked = !preview || (preview.problems.length > 0 && !force);

  const merge = async () => {
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

  const labelChoice = (l: LabelMapping) => (
    <tr key={l.coderKey}>
      <td className="mono">{l.coderKey}</td>
      <td>{t(`coders.kind.${l.kind}`)}</td>
      <td className="num">{l.spans}</td>
      <td>
        <select
          aria-label={t('coders.labelTarget', { key: l.coderKey })}
          value={choices[l.coderKey] ?? NEW_LABEL}
          onChange={(e) => setChoices({ ...choices, [l.coderKey]: e.target.value })}
        >
          {l.kind === 'new' && <option value={NEW_LABEL}>{t('coders.addLabel')}</option>}
          {labels.map((p) => (
            <option key={p.id} value={p.key}>
              {p.key}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );

  const footer = report ? (
    <button type="button" className="button button-primary" onClick={() => void finish()}>
      {t('common.close')}
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="button button-primary" disabled={blocked || busy} onClick={() => void merge()}>
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
        <ul className="merge-report" aria-label={t('coders.report')}>
          {report.coders.map((c) => (
            <li key={c.path}>
              {t('coders.reportLine', {
                coder: c.coder,
                matched: c.documentsMatched,
                added: c.spansAdded,
                present: c.spansAlreadyPresent,
                missing: c.documentsMissing,
              })}
            </li>
          ))}
          {report.labelsCreated.length > 0 && <li>{t('coders.labelsCreated', { keys: report.labelsCreated.join(', ') })}</li>}
        </ul>
      ) : (
        <>
          <p>{t('coders.mergeIntro')}</p>
          <ul className="merge-files">
            {paths.map((path) => {
              const coder = preview?.coders.find((c) => c.path === path);
              return (
                <li key={path} title={path}>
                  <span className="mono">{path}</span>
                  {coder && (
                    <span>
                      {' '}
                      — {t('coders.fileSummary', { coder: coder.coder, matched: coder.documentsMatched, documents: coder.documents, spans: coder.spans })}
                    </span>
                  )}
                  <button type="button" className="button button-small" onClick={() => setPaths(paths.filter((p) => p !== path))}>
                    {t('common.delete')}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="button" onClick={() => setBrowsing(true)}>
            {t('coders.addFile')}
          </button>
          {previewError && (
            <p className="form-error" role="alert">
              {previewError}
            </p>
          )}
          {preview && preview.problems.length > 0 && (
            <div role="alert">
              {preview.problems.map((p) => (
                <p key={p} className="form-error">
                  {p}
                </p>
              ))}
              <label>
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> {t('coders.force')}
              </label>
            </div>
          )}
          {differing.length > 0 && (
            <>
              <p id="merge-labels-intro">{t('coders.labelsDiffer')}</p>
              <table className="merge-labels" aria-describedby="merge-labels-intro">
                <thead>
                  <tr>
                    <th scope="col">{t('coders.coderLabel')}</th>
                    <th scope="col">{t('coders.kind')}</th>
                    <th scope="col" className="num">
                      {t('coders.spans')}
                    </th>
                    <th scope="col">{t('coders.projectLabel')}</th>
                  </tr>
                </thead>
                <tbody>{differing.map(labelChoice)}</tbody>
              </table>
            </>
          )}
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
