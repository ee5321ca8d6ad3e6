// The pieces of "Merge coder files…": the preview of the picked files, the list of them, their problems, where differing labels go, and the report.
import { useEffect, useState } from 'react';
import type { LabelMapping, MergePreview, MergeReport } from '../../../shared/api/coders';
import type { Label } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { errorMessage } from '../state/toasts';

/** A differing label's destination: a project label key, or NEW_LABEL to add it to the project. */
export const NEW_LABEL = '\u0000new';

/** coders:mergePreview for the picked files, again each time they change; a later answer replaces an earlier one. */
export function useMergePreview(paths: string[], setChoices: (choices: Record<string, string>) => void) {
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
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
  }, [paths]); // eslint-disable-line react-hooks/exhaustive-deps -- setChoices is a state setter
  return { preview, previewError };
}

export function MergeReportList({ report }: { report: MergeReport }) {
  const { t } = useI18n();
  return (
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
  );
}

export function MergeFileList({ paths, preview, onRemove }: { paths: string[]; preview: MergePreview | null; onRemove: (path: string) => void }) {
  const { t } = useI18n();
  return (
    <ul className="merge-files">
      {paths.map((path) => {
        const coder = preview?.coders.find((c) => c.path === path);
        return (
          <li key={path} title={path}>
            <span className="mono">{path}</span>
            {coder && (
              <span> — {t('coders.fileSummary', { coder: coder.coder, matched: coder.documentsMatched, documents: coder.documents, spans: coder.spans })}</span>
            )}
            <button type="button" className="button button-small" onClick={() => onRemove(path)}>
              {t('common.delete')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function MergeProblems({ problems, force, setForce }: { problems: string[]; force: boolean; setForce: (force: boolean) => void }) {
  const { t } = useI18n();
  return (
    <div role="alert">
      {problems.map((p) => (
        <p key={p} className="form-error">
          {p}
        </p>
      ))}
      <label>
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> {t('coders.force')}
      </label>
    </div>
  );
}

interface LabelTableProps {
  differing: LabelMapping[];
  labels: Label[];
  choices: Record<string, string>;
  setChoices: (choices: Record<string, string>) => void;
}

export function MergeLabelTable({ differing, labels, choices, setChoices }: LabelTableProps) {
  const { t } = useI18n();
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
  return (
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
  );
}
