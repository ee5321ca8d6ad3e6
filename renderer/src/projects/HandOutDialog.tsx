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

/** The form as typed: numbers stay text until the request is made. */
interface HandOutForm {
  coders: string;
  overlap: string;
  sample: string;
  seed: string;
  folder: string;
  overwrite: boolean;
}

const coderNames = (coders: string) =>
  coders
    .split(/[,，、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** coders:handout's input: the overlap a share in 0..1, the sample at least 1, the seed a whole number ≥ 0. */
function handoutRequest(form: HandOutForm, projectPath: string | undefined) {
  const share = Number(form.overlap) / 100;
  return {
    annotators: coderNames(form.coders),
    overlap: Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0,
    ...(form.sample.trim() ? { sample: Math.max(1, Math.floor(Number(form.sample))) } : {}),
    seed: Math.max(0, Math.floor(Number(form.seed) || 0)),
    outPath: `${form.folder}/${stemOf(projectPath)}-{annotator}.biaozhu`,
    overwrite: form.overwrite,
  };
}

export function HandOutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const app = useAppState();
  const [form, setForm] = useState<HandOutForm>(() => ({
    coders: '',
    overlap: '20',
    sample: '',
    seed: '0',
    folder: folderOf(app.project?.path),
    overwrite: false,
  }));
  const set = (patch: Partial<HandOutForm>) => setForm((prev) => ({ ...prev, ...patch }));
  const [browsing, setBrowsing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<HandoutReport | null>(null);

  const handOut = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await callOrThrow('coders:handout', handoutRequest(form, app.project?.path)));
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
        startPath={form.folder || undefined}
        onPick={(path) => {
          set({ folder: path });
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
      <button
        type="button"
        className="button button-primary"
        disabled={busy || coderNames(form.coders).length === 0 || !form.folder}
        onClick={() => void handOut()}
      >
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
        <HandOutFields form={form} set={set} error={error} onBrowse={() => setBrowsing(true)} />
      )}
    </Modal>
  );
}

function HandOutFields({
  form,
  set,
  error,
  onBrowse,
}: {
  form: HandOutForm;
  set: (patch: Partial<HandOutForm>) => void;
  error: string | null;
  onBrowse: () => void;
}) {
  const { t } = useI18n();
  return (
    <div>
      <p>{t('handout.intro')}</p>
      <div className="field">
        <label htmlFor="handout-coders">{t('handout.coders')}</label>
        <input id="handout-coders" className="input" value={form.coders} onChange={(e) => set({ coders: e.target.value })} placeholder="王, 李" autoFocus />
      </div>
      <div className="field">
        <label htmlFor="handout-overlap">{t('handout.overlap')}</label>
        <input id="handout-overlap" className="input" type="number" min={0} max={100} value={form.overlap} onChange={(e) => set({ overlap: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="handout-sample">{t('handout.sample')}</label>
        <input id="handout-sample" className="input" type="number" min={1} value={form.sample} onChange={(e) => set({ sample: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="handout-seed">{t('handout.seed')}</label>
        <input id="handout-seed" className="input" type="number" min={0} value={form.seed} onChange={(e) => set({ seed: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="handout-folder">{t('handout.folder')}</label>
        <div className="input-with-button">
          <input id="handout-folder" className="input mono" value={form.folder} onChange={(e) => set({ folder: e.target.value })} spellCheck={false} />
          <button type="button" className="button" onClick={onBrowse}>
            {t('files.browse')}
          </button>
        </div>
      </div>
      <label>
        <input type="checkbox" checked={form.overwrite} onChange={(e) => set({ overwrite: e.target.checked })} /> {t('handout.overwrite')}
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
