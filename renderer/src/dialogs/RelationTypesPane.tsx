// The label editor's "Relation types" section (#23): the project's relation types with their
// allowed label pair, created, renamed, re-paired and deleted here (relationTypes:*). Open documents
// are told (RELATION_TYPES_CHANGED_EVENT) so the relation picker offers the new set at once.
import { useCallback, useEffect, useState } from 'react';
import type { RelationType } from '../../../shared/api/entities';
import { callOrThrow } from '../api/client';
import { RELATION_TYPES_CHANGED_EVENT } from '../entities/entityState';
import { shownName, type RelationTypeDraft } from '../entities/relationTypeDrafts';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { RelationTypesRow } from './RelationTypesRow';
import '../entities/relationTypes.css';

export function RelationTypesPane() {
  const { t } = useI18n();
  const { labels } = useAppState();
  const toast = useToast();
  const [types, setTypes] = useState<RelationType[] | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => setTypes(await callOrThrow('relationTypes:list', {})), []);
  useEffect(() => {
    reload().catch((e: unknown) => toast.error(errorMessage(e)));
  }, [reload, toast]);

  /** Runs one change, then reloads the list and tells open documents; false (the error said) when it failed. */
  const run = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      await work();
      await reload();
      window.dispatchEvent(new Event(RELATION_TYPES_CHANGED_EVENT));
      toast.info(done);
      return true;
    } catch (e) {
      toast.error(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = (draft: RelationTypeDraft, before: RelationType | null) => {
    const fields = { key: draft.key.trim(), name: draft.name.trim(), fromLabelKey: draft.fromLabelKey, toLabelKey: draft.toLabelKey };
    const name = shownName(fields);
    if (!before) return run(() => callOrThrow('relationTypes:create', fields), t('relationTypes.created', { name }));
    return run(() => callOrThrow('relationTypes:update', { id: before.id, changes: fields }), t('relationTypes.saved', { name }));
  };

  const remove = (type: RelationType) => run(() => callOrThrow('relationTypes:delete', { id: type.id }), t('relationTypes.deleted', { name: shownName(type) }));

  return (
    <section className="relation-types-pane" aria-labelledby="relation-types-title" data-testid="relation-types">
      <h3 className="section-title" id="relation-types-title">
        {t('relationTypes.title')}
      </h3>
      <p className="muted">{t('relationTypes.intro')}</p>
      {types === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          {types.length === 0 && <p className="muted">{t('relationTypes.empty')}</p>}
          <ul className="relation-type-list">
            <li className="relation-type-head" aria-hidden="true">
              <span>{t('relationTypes.key')}</span>
              <span>{t('relationTypes.name')}</span>
              <span>{t('relationTypes.from')}</span>
              <span />
              <span>{t('relationTypes.to')}</span>
              <span>{t('relationTypes.used')}</span>
            </li>
            {types.map((type) => (
              <RelationTypesRow key={type.id} type={type} types={types} labels={labels} busy={busy} onSave={save} onDelete={remove} />
            ))}
            <RelationTypesRow type={null} types={types} labels={labels} busy={busy} onSave={save} />
          </ul>
        </>
      )}
    </section>
  );
}
