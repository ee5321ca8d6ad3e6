// Step 2: every file with its encoding, documents, warnings; checkboxes choose what to import.
import type { ImportPreview } from '../../../shared/api/import';
import { useI18n } from '../i18n';
import { problemText } from '../i18n/problems';

interface Props {
  preview: ImportPreview;
  included: Set<number>;
  setIncluded: (s: Set<number>) => void;
  active: number | null;
  setActive: (i: number) => void;
}

export function ImportPreviewList({ preview, included, setIncluded, active, setActive }: Props) {
  const { t } = useI18n();
  const importable = preview.files.filter((f) => !f.error).map((f) => f.index);
  const all = importable.length > 0 && importable.every((i) => included.has(i));
  return (
    <div className="import-files">
      <label className="check import-select-all">
        <input type="checkbox" checked={all} onChange={(e) => setIncluded(new Set(e.target.checked ? importable : []))} />
        {t('import.selectAll')} ({included.size}/{importable.length})
      </label>
      <ul className="import-file-list">
        {preview.files.map((f) => {
          const warnings = f.documents.reduce((n, d) => n + d.warnings.length, 0);
          const duplicates = f.documents.filter((d) => d.duplicate).length;
          return (
            <li key={f.index} className={`import-file${active === f.index ? ' is-active' : ''}${f.error ? ' has-error' : ''}`}>
              <input
                type="checkbox"
                aria-label={f.fileName}
                disabled={!!f.error}
                checked={included.has(f.index)}
                onChange={(e) => {
                  const next = new Set(included);
                  if (e.target.checked) next.add(f.index);
                  else next.delete(f.index);
                  setIncluded(next);
                }}
              />
              <button type="button" className="import-file-main" onClick={() => setActive(f.index)} aria-pressed={active === f.index}>
                <span className="import-file-name">{f.fileName}</span>
                <span className="import-file-meta">
                  {f.format} · {f.encoding ?? '—'}
                  {f.encodingConfidence !== null && ` (${t('import.confidence', { p: Math.round(f.encodingConfidence * 100) })})`} ·{' '}
                  {t('import.documents', { n: f.documents.length })}
                  {f.documents.length > 0 && ` · ${t('common.chars', { n: f.documents.reduce((n, d) => n + d.charCount, 0) })}`}
                </span>
                {f.error && (
                  <span className="badge badge-error">
                    {t('import.failed')}: {problemText(t, { message: f.error, code: f.errorCode, params: f.errorParams })}
                  </span>
                )}
                {warnings > 0 && <span className="badge badge-warn">⚠ {warnings}</span>}
                {duplicates > 0 && (
                  <span className="badge">
                    {t('import.duplicate')} ×{duplicates}
                  </span>
                )}
                {f.problems.length > 0 && (
                  <span className="badge badge-warn">
                    {t('import.problems')}: {f.problems.length}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
