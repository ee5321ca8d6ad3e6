// "Hand out to coders…": one project file per coder, written into a chosen folder, with a share of
// the documents for every coder (for agreement) and, optionally, a seeded sample (coders:handout).
import { useState } from 'react';
import type { HandoutReport } from '../../../shared/api/coders';
import { callOrThrow } from '../api/client';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage } from '../state/toasts';
import { FileBrowserDialog } from './FileBrowserDialog';

const folderOf = (path: string | undefined) => path?.replace(/[\\/][^\\/]*$/, '') ?? '';
const stemOf = (path: string | undefined) => (path ?? 'project').replace(/^.*[\\/]/, '').replace(/\.biaozhu$/, '');

export function HandOutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const app = useAppState();
  const [coders, setCoders] = useState('');
  const [overlap, setOverlap] = useState('20');
  const [sample, setSample] = useState('');
  const [seed, setSeed] = useState('0');
  const [folder, setFolder] = useState(() => folderOf(app.project?.path));
  const [overwrite, setOverwrite] = useState(false);
  const [browsing, setBrowsing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<HandoutReport | null>(null);

  const names = coders
    .split(/[,，、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const handOut = async () => {
    setBusy(true);
    setError(null);
    try {
      const share = Number(overlap) / 100;
      setReport(
        await callOrThrow('coders:handout', {
          annotators: names,
          overlap: Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0,
          ...(sample.trim() ? { sample: Math.max(1, Math.floor(Number(sample))) } : {}),
          seed: Math.max(0, Math.floor(Number(seed) || 0)),
          outPath: `${folder}/${stemOf(app.project?.path)}-{annotator}.biaozhu`,
          overwrite,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (browsing) {
    return (
      <FileBrowserDialog
        purpose="folder"
        title={t('handout.folder')}
        startPath={folder || undefined}
        onPick={(path) => {
          setFolder(path);
          setBrowsing(false);
        }}
        onClose={() => setBrowsing(false)}
      />
    );
  }

  const footer = report ? (
    <button type="button" className="button button-primary" onClick={onClose}>
      {t('common.close')}
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="button button-primary" disabled={busy || names.length === 0 || !folder} onClick={() => void handOut()}>
        {t('handout.write')}
      </button>
    </>
  );

  return (
    <Modal title={t('handout.title')} onClose={onClose} wide footer={footer} className="handout-dialog">
      {report ? (
        <ul aria-label={t('handout.written')}>
          {report.files.map((f) => (
            <li key={f.path} className="mono">
              {t('handout.fileLine', { coder: f.annotator, documents: f.documents, path: f.path })}
            </li>
          ))}
        </ul>
      ) : (
        <div>
          <p>{t('handout.intro')}</p>
          <div className="field">
            <label htmlFor="handout-coders">{t('handout.coders')}</label>
            <input id="handout-coders" className="input" value={coders} onChange={(e) => setCoders(e.target.value)} placeholder="王, 李" autoFocus />
          </div>
          <div className="field">
            <label htmlFor="handout-overlap">{t('handout.overlap')}</label>
            <input id="handout-overlap" className="input" type="number" min={0} max={100} value={overlap} onChange={(e) => setOverlap(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="handout-sample">{t('handout.sample')}</label>
            <input id="handout-sample" className="input" type="number" min={1} value={sample} onChange={(e) => setSample(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="handout-seed">{t('handout.seed')}</label>
            <input id="handout-seed" className="input" type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="handout-folder">{t('handout.folder')}</label>
            <div className="input-with-button">
              <input id="handout-folder" className="input mono" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
              <button type="button" className="button" onClick={() => setBrowsing(true)}>
                {t('files.browse')}
              </button>
            </div>
          </div>
          <label>
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> {t('handout.overwrite')}
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </Modal>
  );
}
