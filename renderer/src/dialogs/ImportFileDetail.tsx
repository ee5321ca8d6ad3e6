// One previewed file: metadata, steps, warnings, and its text before and after normalization.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { ENCODINGS, type FilePreview, type FilePreviewDetail, type SupportedEncoding } from '../../../shared/api/jobs';
import { useI18n, type MessageKey } from '../i18n';
import { useToast } from '../state/toasts';
import { EncodingOptions } from './EncodingOptions';
import { WarningKindBadge } from '../components/WarningKindBadge';
import { warningText } from '../i18n/warnings';
import { problemText } from '../i18n/problems';

const PREVIEW_CHARS = 6000;
/** A file with thousands of bad lines lists the first ones; the report after the import has all. */
const PROBLEMS_SHOWN = 50;

/** Why the file cannot be imported, and the lines or spans of it that will be skipped, in the user's language. */
function FileProblems({ file }: { file: FilePreview }) {
  const { t } = useI18n();
  if (!file.error && file.problems.length === 0) return null;
  return (
    <div className="import-file-problems">
      {file.error && (
        <p className="error-text" role="alert">
          {t('import.failed')}: {problemText(t, { message: file.error, code: file.errorCode, params: file.errorParams })}
        </p>
      )}
      {file.problems.length > 0 && (
        <details open>
          <summary>
            {t('import.problems')}: {file.problems.length}
          </summary>
          <ul className="warning-list">
            {file.problems.slice(0, PROBLEMS_SHOWN).map((p, i) => (
              <li key={i}>
                {p.line !== undefined && <span className="muted">{t('import.problemLine', { n: p.line })} </span>}
                {problemText(t, p)}
              </li>
            ))}
          </ul>
          {file.problems.length > PROBLEMS_SHOWN && <p className="muted">{t('import.problemsMore', { n: file.problems.length - PROBLEMS_SHOWN })}</p>}
        </details>
      )}
    </div>
  );
}

interface Props {
  previewId: string;
  file: FilePreview;
  /** Called with the file's new preview after its encoding was forced. */
  onFileChange: (file: FilePreview) => void;
}

// eslint-disable-next-line max-lines-per-function -- to split (#19): not reached yet, several steps in one function
export function ImportFileDetail({ previewId, file, onFileChange }: Props) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const index = file.index;
  const [detail, setDetail] = useState<FilePreviewDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState(0);

  useEffect(() => {
    let live = true;
    setDetail(null);
    setError(null);
    setDraft(0);
    void api.call('import:previewFile', { previewId, index }).then((r) => {
      if (!live) return;
      if (r.ok) setDetail(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [previewId, index, file]);

  // A mis-detected legacy file (GB18030 read as UTF-8…) is re-decoded on the server, then re-shown.
  const overrideEncoding = async (encoding: SupportedEncoding) => {
    const r = await api.call('import:overrideEncoding', { previewId, index, encoding });
    if (r.ok) onFileChange(r.value);
    else toast.error(r.error.message);
  };
  const encodingPicker = (
    <div className="field-inline">
      <label htmlFor="import-file-encoding">{t('import.encoding')}</label>
      <select
        id="import-file-encoding"
        className="select"
        value={ENCODINGS.includes(file.encoding as SupportedEncoding) ? (file.encoding as string) : ''}
        onChange={(e) => void overrideEncoding(e.target.value as SupportedEncoding)}
      >
        {!ENCODINGS.includes(file.encoding as SupportedEncoding) && <option value="">{file.encoding ?? '—'}</option>}
        <EncodingOptions />
      </select>
    </div>
  );

  if (error)
    return (
      <p className="error-text" role="alert">
        {error}
      </p>
    );
  if (!detail) return <p className="muted">{t('common.loading')}</p>;
  const d = detail.drafts[draft];
  if (!d)
    return (
      <>
        {encodingPicker}
        <FileProblems file={file} />
        <p className="muted">{detail.fileName}</p>
      </>
    );
  // Text taken out of a page or a Word file before normalization: a step the user should see too.
  const extraction = file.format === 'html' || file.format === 'docx' ? [t(`meta.extracted.${file.format}`)] : [];
  const clip = (s: string) => (s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}\n…` : s);
  return (
    <div className="import-detail">
      {encodingPicker}
      {detail.drafts.length > 1 && (
        <div className="field-inline">
          <label htmlFor="import-draft">{t('import.documents', { n: detail.drafts.length })}</label>
          <select id="import-draft" className="select" value={draft} onChange={(e) => setDraft(Number(e.target.value))}>
            {detail.drafts.map((x, i) => (
              <option key={i} value={i}>
                {i + 1}. {x.metadata.title || t('docs.untitled')}
              </option>
            ))}
          </select>
        </div>
      )}
      <dl className="facts facts-inline">
        <dt>{t('meta.title')}</dt>
        <dd>{d.metadata.title || '—'}</dd>
        <dt>{t('meta.date')}</dt>
        <dd>{d.metadata.date ?? '—'}</dd>
        <dt>{t('meta.source')}</dt>
        <dd>{d.metadata.source ?? '—'}</dd>
        <dt>{t('meta.district')}</dt>
        <dd>{d.metadata.district ?? '—'}</dd>
        <dt>{t('meta.reporters')}</dt>
        <dd>{d.metadata.reporters.join('、') || '—'}</dd>
        <dt>{t('meta.steps')}</dt>
        <dd>{[...extraction, ...d.steps.map((s) => t(`step.${s}` as MessageKey))].join(lang === 'zh' ? '、' : ', ') || '—'}</dd>
      </dl>
      <FileProblems file={file} />
      {d.warnings.length > 0 && (
        <ul className="warning-list">
          {d.warnings.map((w, i) => (
            <li key={i}>
              <WarningKindBadge kind={w.kind} /> {warningText(t, w)}
            </li>
          ))}
        </ul>
      )}
      <div className="before-after">
        <section>
          <h4 className="subsection-title">{t('import.before')}</h4>
          <pre className="text-preview">{clip(d.originalText)}</pre>
        </section>
        <section>
          <h4 className="subsection-title">{t('import.after')}</h4>
          <pre className="text-preview">{clip(d.text)}</pre>
        </section>
      </div>
    </div>
  );
}
