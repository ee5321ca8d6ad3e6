// Importing a gazetteer: a TXT (one term a line, for the label chosen here) or CSV (term,label[,canonical])
// file picked with the project's file browser (the browser mode has no native dialog) or typed as a
// path; then the import's answer: terms per label, lines skipped and why, the encoding it read.
import { useState } from 'react';
import type { GazetteerImport } from '../../../shared/api/suggestions';
import { callOrThrow } from '../api/client';
import { Modal } from '../components/Modal';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { FileBrowserDialog } from '../projects/FileBrowserDialog';
import { useAppState } from '../state/appState';
import { errorMessage } from '../state/toasts';

const EXTENSIONS = ['txt', 'csv', 'tsv'];
const isTable = (path: string) => /\.(csv|tsv)$/i.test(path);
const baseName = (path: string) => (path.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');

export function GazetteerImportDialog({ onImported, onClose }: { onImported: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const { labels } = useAppState();
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [labelKey, setLabelKey] = useState(labels[0]?.key ?? '');
  const [browsing, setBrowsing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<GazetteerImport | null>(null);
  const table = isTable(path.trim());

  if (browsing) {
    return (
      <FileBrowserDialog
        purpose="file"
        extensions={EXTENSIONS}
        title={t('suggest.gazetteer.chooseTitle')}
        pickLabel={t('suggest.gazetteer.choose')}
        onPick={(picked) => {
          setPath(picked);
          if (!name.trim()) setName(baseName(picked));
          setBrowsing(false);
        }}
        onClose={() => setBrowsing(false)}
      />
    );
  }

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const trimmed = path.trim();
      const imported = await callOrThrow('gazetteers:import', {
        path: trimmed,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(table ? {} : { labelKey }),
      });
      setReport(imported);
      onImported();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const footer = report ? (
    <button type="button" className="button button-primary" onClick={onClose}>
      {t('common.close')}
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="button button-primary" disabled={busy || !path.trim()} onClick={() => void run()}>
        {t('suggest.gazetteer.import')}
      </button>
    </>
  );

  return (
    <Modal title={t('suggest.gazetteer.importTitle')} onClose={onClose} footer={footer} className="gazetteer-import">
      {report ? (
        <GazetteerReport report={report} />
      ) : (
        <GazetteerFields
          path={path}
          setPath={setPath}
          name={name}
          setName={setName}
          labelKey={labelKey}
          setLabelKey={setLabelKey}
          browse={() => setBrowsing(true)}
          error={error}
        />
      )}
    </Modal>
  );
}

interface FieldsProps {
  path: string;
  setPath: (v: string) => void;
  name: string;
  setName: (v: string) => void;
  labelKey: string;
  setLabelKey: (v: string) => void;
  browse: () => void;
  error: string | null;
}

function GazetteerFields({ path, setPath, name, setName, labelKey, setLabelKey, browse, error }: FieldsProps) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const table = isTable(path.trim());
  return (
    <div className="gazetteer-import-fields">
      <div className="field">
        <label htmlFor="gazetteer-path">{t('suggest.gazetteer.file')}</label>
        <div className="path-row">
          <input
            id="gazetteer-path"
            className="input mono"
            value={path}
            placeholder="/path/to/terms.txt"
            spellCheck={false}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="button" className="button" onClick={browse}>
            {t('suggest.gazetteer.browse')}
          </button>
        </div>
        <p className="suggest-hint">{t('suggest.gazetteer.formats')}</p>
      </div>
      <div className="field">
        <label htmlFor="gazetteer-name">{t('suggest.gazetteer.name')}</label>
        <input id="gazetteer-name" className="input" value={name} maxLength={200} placeholder={baseName(path)} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="gazetteer-label">{t('suggest.gazetteer.label')}</label>
        <select id="gazetteer-label" className="input" value={labelKey} disabled={table} onChange={(e) => setLabelKey(e.target.value)}>
          {labels.map((l) => (
            <option key={l.id} value={l.key}>
              {labelName(l)} ({l.key})
            </option>
          ))}
        </select>
        {table && <p className="suggest-hint">{t('suggest.gazetteer.labelFromFile')}</p>}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function GazetteerReport({ report }: { report: GazetteerImport }) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const byKey = new Map(labels.map((l) => [l.key, l]));
  return (
    <div className="gazetteer-report" role="status" data-testid="gazetteer-report">
      <p>
        <strong>{t('suggest.gazetteer.imported', { name: report.name, count: report.terms })}</strong>
      </p>
      <p className="suggest-muted">{t('suggest.gazetteer.encoding', { encoding: report.encoding })}</p>
      <table className="suggest-table">
        <caption>{t('suggest.gazetteer.byLabel')}</caption>
        <tbody>
          {report.byLabel.map((b) => {
            const label = byKey.get(b.labelKey);
            return (
              <tr key={b.labelKey}>
                <th scope="row">{label ? labelName(label) : b.labelKey}</th>
                <td>{b.terms}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.skipped.length === 0 ? (
        <p className="suggest-muted">{t('suggest.gazetteer.noneSkipped')}</p>
      ) : (
        <table className="suggest-table">
          <caption>{t('suggest.gazetteer.skipped')}</caption>
          <tbody>
            {report.skipped.map((s) => (
              <tr key={s.reason}>
                <th scope="row">{skipReason(t, s.reason)}</th>
                <td>{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The import's reasons are English words: the known ones are said in the UI's language. */
const SKIP_REASONS: Record<string, MessageKey> = {
  'blank line': 'suggest.skip.blank',
  comment: 'suggest.skip.comment',
  'header row': 'suggest.skip.header',
  'blank term': 'suggest.skip.blankTerm',
  'unknown label': 'suggest.skip.unknownLabel',
  'broken character': 'suggest.skip.broken',
  duplicate: 'suggest.skip.duplicate',
};

function skipReason(t: Translate, reason: string): string {
  const known = SKIP_REASONS[reason];
  if (known) return t(known);
  const longer = /^longer than (\d+) characters$/.exec(reason);
  return longer ? t('suggest.skip.tooLong', { n: Number(longer[1]) }) : reason;
}
