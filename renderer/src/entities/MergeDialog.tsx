// Merging entities (#23): merged at once when their fields agree; when two of them set a field
// differently the API refuses ('conflict', listing the values) and this dialog asks which to keep.
import { useState } from 'react';
import type { EntityField, EntityFields, EntityMergeConflict, EntitySummary } from '../../../shared/api/entities';
import { callOrThrow } from '../api/client';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { errorMessage, useToast } from '../state/toasts';

export type MergeOutcome =
  { kind: 'merged'; entity: EntitySummary } | { kind: 'conflict'; into: EntitySummary; all: EntitySummary[]; conflicts: EntityMergeConflict['conflicts'] };

/** Merges the others into `into`; a refusal for conflicting fields comes back as the conflict, not as an error. */
export async function mergeEntities(into: EntitySummary, all: EntitySummary[], resolve: EntityFields | undefined): Promise<MergeOutcome> {
  const from = all.filter((e) => e.id !== into.id).map((e) => e.id);
  try {
    const entity = await callOrThrow('entities:merge', { into: into.id, from, ...(resolve ? { resolve } : {}) });
    return { kind: 'merged', entity };
  } catch (error) {
    const e = error as { code?: string; details?: EntityMergeConflict };
    if (e.code === 'conflict' && e.details?.conflicts) return { kind: 'conflict', into, all, conflicts: e.details.conflicts };
    throw error;
  }
}

interface Props {
  conflict: Extract<MergeOutcome, { kind: 'conflict' }>;
  onClose: () => void;
  onMerged: (entity: EntitySummary) => void;
}

export function MergeDialog({ conflict, onClose, onMerged }: Props) {
  const { t } = useI18n();
  const toast = useToast();
  const nameOf = (id: number) => conflict.all.find((e) => e.id === id)?.name ?? String(id);
  // The kept entity's value is preselected; its own value otherwise the first offered.
  const [chosen, setChosen] = useState<Partial<Record<EntityField, string>>>(() =>
    Object.fromEntries(conflict.conflicts.map((c) => [c.field, (c.values.find((v) => v.entityId === conflict.into.id) ?? c.values[0]).value])),
  );
  const confirm = async () => {
    try {
      const outcome = await mergeEntities(conflict.into, conflict.all, chosen);
      if (outcome.kind === 'merged') onMerged(outcome.entity);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <Modal
      title={t('entities.mergeTitle')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button-primary" onClick={() => void confirm()}>
            {t('entities.merge', { count: conflict.all.length - 1, name: conflict.into.name })}
          </button>
        </>
      }
    >
      <p className="muted">{t('entities.mergeIntro')}</p>
      {conflict.conflicts.map((c) => (
        <fieldset key={c.field} className="merge-field">
          <legend>{t(`entities.field.${c.field}`)}</legend>
          {c.values.map((v) => (
            <label key={v.entityId} className="merge-option">
              <input
                type="radio"
                name={`merge-${c.field}`}
                checked={chosen[c.field] === v.value}
                onChange={() => setChosen({ ...chosen, [c.field]: v.value })}
              />
              <strong>{v.value || '—'}</strong> <span className="muted">({nameOf(v.entityId)})</span>
            </label>
          ))}
        </fieldset>
      ))}
    </Modal>
  );
}
