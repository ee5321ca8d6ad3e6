// One previewed file: metadata, steps, warnings, and its text before and after normalization.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { ENCODINGS, type FilePreview, type FilePreviewDetail, type SupportedEncoding } from '../../../shared/api/import';
import { useI18n } from '../i18n';
import { useToast } from '../state/toasts';
import { EncodingOptions } from './EncodingOptions';
import { problemText } from '../i18n/problems';
import { DraftBeforeAfter, DraftFacts, DraftWarnings, type PreviewDraft } from './ImportDraftParts';

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

export function ImportFileDetail({ previewId, file, onFileChange }: Props) {
  const { t } = useI18n();
  const { detail, error, draft, setDraft } = useFilePreviewDetail(previewId, file);
  const encodingPicker = <EncodingPicker previewId={previewId} file={file} onFileChange={onFileChange} />;

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
  return (
    <div className="import-detail">
      {encodingPicker}
      {detail.drafts.length > 1 && <DraftPicker drafts={detail.drafts} draft={draft} setDraft={setDraft} />}
      <DraftFacts file={file} draft={d} />
      <FileProblems file={file} />
      <DraftWarnings draft={d} />
      <DraftBeforeAfter draft={d} />
    </div>
  );
}

/** The file's documents as they will be imported, fetched again whenever the file's preview changes; the first is shown. */
function useFilePreviewDetail(previewId: string, file: FilePreview) {
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
  return { detail, error, draft, setDraft };
}

/** A mis-detected legacy file (GB18030 read as UTF-8…) is re-decoded on the server, then re-shown. */
function EncodingPicker({ previewId, file, onFileChange }: Props) {
  const { t } = useI18n();
  const toast = useToast();
  const overrideEncoding = async (encoding: SupportedEncoding) => {
    const r = await api.call('import:overrideEncoding', { previewId, index: file.index, encoding });
    if (r.ok) onFileChange(r.value);
    else toast.error(r.error.message);
  };
  const known = ENCODINGS.includes(file.encoding as SupportedEncoding);
  return (
    <div className="field-inline">
      <label htmlFor="import-file-encoding">{t('import.encoding')}</label>
      <select
        id="import-file-encoding"
        className="select"
        value={known ? (file.encoding as string) : ''}
        onChange={(e) => void overrideEncoding(e.target.value as SupportedEncoding)}
      >
        {!known && <option value="">{file.encoding ?? '—'}</option>}
        <EncodingOptions />
      </select>
    </div>
  );
}

/** A file that holds several documents (a newspaper page, a JSONL file): which one to show. */
function DraftPicker({ drafts, draft, setDraft }: { drafts: PreviewDraft[]; draft: number; setDraft: (i: number) => void }) {
  const { t } = useI18n();
  return (
    <div className="field-inline">
      <label htmlFor="import-draft">{t('import.documents', { n: drafts.length })}</label>
      <select id="import-draft" className="select" value={draft} onChange={(e) => setDraft(Number(e.target.value))}>
        {drafts.map((x, i) => (
          <option key={i} value={i}>
            {i + 1}. {x.metadata.title || t('docs.untitled')}
          </option>
        ))}
      </select>
    </div>
  );
}
