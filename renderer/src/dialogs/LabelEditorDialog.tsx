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
import { LabelListPane } from './LabelListPane';
import { RelationTypesPane } from './RelationTypesPane';
import { draftFields, movedIds, newDraft, toDraft } from './labelDrafts';

export function LabelEditorDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
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
    const fields = draftFields(draft);
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
    const ids = movedIds(labels, id, dir);
    if (ids) void run(() => callOrThrow('labels:reorder', { ids }));
  };

  const addNew = () => {
    setSelected(null);
    setDraft(newDraft(labels));
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
        <LabelListPane labels={labels} selected={selected} draft={draft} busy={busy} onSelect={setSelected} onMove={move} onAdd={addNew} />
        {draft ? <LabelForm draft={draft} setDraft={setDraft} /> : <p className="muted">{t('labels.select')}</p>}
      </div>
      <RelationTypesPane />
    </Modal>
  );
}
