// Label editor: list (reorder, add, delete) on the left, the chosen label's fields on the right.
import { useEffect, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { Label } from '../../../shared/model';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { hasCommandKey, LabelForm, type LabelDraft } from './LabelForm';
import { LabelSchemaButtons } from './LabelSchemaButtons';

const PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d'];

const toDraft = (l: Label): LabelDraft => ({
  id: l.id,
  key: l.key,
  nameZh: l.nameZh,
  nameEn: l.nameEn,
  color: l.color,
  hotkey: l.hotkey,
  attributes: l.attributes,
  descriptionZh: l.descriptionZh,
  descriptionEn: l.descriptionEn,
  examples: l.examples,
});

export function LabelEditorDialog({ onClose }: { onClose: () => void }) {
  const { t, labelName } = useI18n();
  const { labels, reloadLabels } = useAppState();
  const toast = useToast();
  const [selected, setSelected] = useState<number | null>(labels[0]?.id ?? null);
  const [draft, setDraft] = useState<LabelDraft | null>(labels[0] ? toDraft(labels[0]) : null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (selected === null) return;
    const l = labels.find((x) => x.id === selected);
    if (l) setDraft(toDraft(l));
  }, [selected, labels]);

  const run = async (fn: () => Promise<unknown>, message?: string) => {
    setBusy(true);
    try {
      await fn();
      await reloadLabels();
      if (message) toast.info(message);
      return true;
    } catch (error) {
      toast.error(errorMessage(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!draft) return;
    const fields = {
      key: draft.key,
      nameZh: draft.nameZh,
      nameEn: draft.nameEn,
      color: draft.color,
      hotkey: draft.hotkey,
      attributes: draft.attributes,
      descriptionZh: draft.descriptionZh.trim(),
      descriptionEn: draft.descriptionEn.trim(),
      examples: draft.examples.map((e) => e.trim()).filter(Boolean),
    };
    if (draft.id === null) {
      let created: Label | null = null;
      await run(async () => (created = await callOrThrow('labels:create', fields)), t('labels.saved'));
      if (created) setSelected((created as Label).id);
    } else {
      const id = draft.id;
      await run(() => callOrThrow('labels:update', { id, ...fields }), t('labels.saved'));
    }
  };

  const remove = async () => {
    if (!draft || draft.id === null) return;
    const id = draft.id;
    if (!window.confirm(t('labels.deleteConfirm', { name: draft.nameZh }))) return;
    if (await run(() => callOrThrow('labels:delete', { id }))) setSelected(labels.find((l) => l.id !== id)?.id ?? null);
  };

  const move = (id: number, dir: -1 | 1) => {
    const ids = labels.map((l) => l.id);
    const i = ids.indexOf(id);
    const j = i + dir;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    void run(() => callOrThrow('labels:reorder', { ids }));
  };

  const addNew = () => {
    setSelected(null);
    const used = new Set(labels.map((l) => l.hotkey));
    const hotkey = ['5', '6', '7', '8', '9'].find((k) => !used.has(k)) ?? null;
    setDraft({
      id: null,
      key: 'NEW',
      nameZh: '',
      nameEn: '',
      color: PALETTE[labels.length % PALETTE.length],
      hotkey,
      attributes: [],
      descriptionZh: '',
      descriptionEn: '',
      examples: [],
    });
  };

  const footer = (
    <>
      {draft?.id !== null && draft && (
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void remove()}>
          {t('common.delete')}
        </button>
      )}
      <LabelSchemaButtons busy={busy} run={run} />
      <span className="spacer" />
      <button type="button" className="button" onClick={onClose}>
        {t('common.close')}
      </button>
      <button type="button" className="button button-primary" disabled={busy || !draft || hasCommandKey(draft)} onClick={() => void save()}>
        {t('common.save')}
      </button>
    </>
  );

  return (
    <Modal title={t('labels.title')} onClose={onClose} wide footer={footer} className="label-editor">
      <div className="label-editor-grid">
        <div className="label-list">
          <ul aria-label={t('labels.title')}>
            {labels.map((l, i) => (
              <li key={l.id} className={`label-list-item${l.id === selected ? ' is-active' : ''}`}>
                <button type="button" className="label-list-main" aria-current={l.id === selected ? 'true' : undefined} onClick={() => setSelected(l.id)}>
                  <span className="label-dot" style={{ background: l.color }} />
                  <span className="label-list-name">{labelName(l)}</span>
                  <span className="label-list-key">{l.key}</span>
                  {l.hotkey && <kbd>{l.hotkey.toUpperCase()}</kbd>}
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`${t('common.moveUp')} ${labelName(l)}`}
                  disabled={i === 0 || busy}
                  onClick={() => move(l.id, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`${t('common.moveDown')} ${labelName(l)}`}
                  disabled={i === labels.length - 1 || busy}
                  onClick={() => move(l.id, 1)}
                >
                  ↓
                </button>
              </li>
            ))}
            {draft?.id === null && (
              <li className="label-list-item is-active">
                <span className="label-list-main">
                  <span className="label-dot" style={{ background: draft.color }} /> {draft.nameZh || t('labels.add')}
                </span>
              </li>
            )}
          </ul>
          <button type="button" className="button button-small" onClick={addNew}>
            + {t('labels.add')}
          </button>
        </div>
        {draft ? <LabelForm draft={draft} setDraft={setDraft} /> : <p className="muted">{t('labels.select')}</p>}
      </div>
    </Modal>
  );
}
