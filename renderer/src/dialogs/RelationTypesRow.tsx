// One relation type in the label editor (#23), or the form for a new one: key, name, the allowed
// label pair (from → to), how many relations are of it, Save or Add, and Delete — which asks first,
// and, while relations of the type exist, says how many and that they go first (the API refuses).
import { useEffect, useId, useState } from 'react';
import type { RelationType } from '../../../shared/api/entities';
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import {
  deletePlan,
  draftChanges,
  draftProblems,
  emptyTypeDraft,
  problemMessage,
  shownName,
  toTypeDraft,
  type RelationTypeDraft,
} from '../entities/relationTypeDrafts';

interface Props {
  /** The stored type, or null for the new-type form. */
  type: RelationType | null;
  types: readonly RelationType[];
  labels: readonly Label[];
  busy: boolean;
  onSave: (draft: RelationTypeDraft, before: RelationType | null) => Promise<boolean>;
  onDelete?: (type: RelationType) => Promise<boolean>;
}

/** A row's draft: reset when the stored type changes, checked on every edit, sent by save. */
function useTypeDraft(type: RelationType | null, types: readonly RelationType[], labels: readonly Label[], onSave: Props['onSave']) {
  const labelKeys = labels.map((l) => l.key);
  const fresh = () => (type ? toTypeDraft(type) : emptyTypeDraft(labelKeys));
  const [draft, setDraft] = useState<RelationTypeDraft>(fresh);
  const [tried, setTried] = useState(false);
  const [deleting, setDeleting] = useState<'ask' | 'blocked' | null>(null);
  // The stored type, saved here or reloaded, becomes the draft again (other rows keep their edits).
  const stored = type ? JSON.stringify(type) : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(fresh()), [stored]);

  const problems = draftProblems(draft, types, new Set(labelKeys));
  const save = async () => {
    setTried(true);
    if (problems.length > 0) return;
    if ((await onSave(draft, type)) && !type) {
      setDraft(emptyTypeDraft(labelKeys));
      setTried(false);
    }
  };
  return {
    draft,
    set: (patch: Partial<RelationTypeDraft>) => {
      setDraft({ ...draft, ...patch });
      setDeleting(null);
    },
    // A stored type's problems show at once (a label deleted under it); a new one's once Add was pressed.
    shown: type || tried ? problems : [],
    changed: type ? draftChanges(draft, type) !== null : true,
    save,
    deleting,
    setDeleting,
  };
}

export function RelationTypesRow({ type, types, labels, busy, onSave, onDelete }: Props) {
  const { t } = useI18n();
  const id = useId();
  const { draft, set, shown, changed, save, deleting, setDeleting } = useTypeDraft(type, types, labels, onSave);

  const invalid = (side: 'from' | 'to') => shown.some((p) => 'side' in p && p.side === side);
  const labelSelect = (side: 'from' | 'to') => (
    <LabelSelect
      side={side}
      value={side === 'from' ? draft.fromLabelKey : draft.toLabelKey}
      labels={labels}
      invalid={invalid(side)}
      onChange={(key) => set(side === 'from' ? { fromLabelKey: key } : { toLabelKey: key })}
    />
  );

  const name = type ? shownName(type) : t('relationTypes.new');
  return (
    <li className={`relation-type-row${type ? '' : ' is-new'}`} data-type-key={type?.key ?? ''} aria-label={name}>
      <form
        className="relation-type-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          className="input mono"
          aria-label={t('relationTypes.key')}
          placeholder={t('relationTypes.key')}
          value={draft.key}
          aria-invalid={shown.some((p) => p.code.startsWith('key'))}
          aria-describedby={shown.length > 0 ? `${id}-problems` : undefined}
          onChange={(e) => set({ key: e.target.value })}
        />
        <input
          className="input"
          aria-label={t('relationTypes.name')}
          placeholder={t('relationTypes.namePlaceholder')}
          value={draft.name}
          aria-invalid={shown.some((p) => p.code === 'nameTaken')}
          onChange={(e) => set({ name: e.target.value })}
        />
        {labelSelect('from')}
        <span className="relation-type-arrow" aria-hidden="true">
          →
        </span>
        {labelSelect('to')}
        {type && <span className="relation-type-count muted">{t('relationTypes.count', { count: type.relations })}</span>}
        <RowButtons type={type} name={name} busy={busy} changed={changed} askDelete={() => type && setDeleting(deletePlan(type).kind)} />
      </form>
      {shown.length > 0 && (
        <ul className="relation-type-problems error-text" id={`${id}-problems`} role="alert">
          {shown.map((p, i) => (
            <li key={i}>{problemMessage(t, p)}</li>
          ))}
        </ul>
      )}
      {type && deleting && (
        <DeleteQuestion type={type} name={name} blocked={deleting === 'blocked'} busy={busy} onDelete={onDelete} close={() => setDeleting(null)} />
      )}
    </li>
  );
}

/** A side of the label pair: the project's labels, and the stored key kept (and flagged) when no label has it any more. */
function LabelSelect({
  side,
  value,
  labels,
  invalid,
  onChange,
}: {
  side: 'from' | 'to';
  value: string;
  labels: readonly Label[];
  invalid: boolean;
  onChange: (key: string) => void;
}) {
  const { t, labelName } = useI18n();
  return (
    <select className="select" aria-label={t(`relationTypes.${side}`)} value={value} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
      {value !== '' && !labels.some((l) => l.key === value) && <option value={value}>{t('relationTypes.missingLabel', { key: value })}</option>}
      {value === '' && <option value="" />}
      {labels.map((l) => (
        <option key={l.id} value={l.key}>
          {labelName(l)} ({l.key})
        </option>
      ))}
    </select>
  );
}

interface DeleteProps {
  type: RelationType;
  name: string;
  /** Relations of the type exist: the API refuses, so this says how many and what to do instead. */
  blocked: boolean;
  busy: boolean;
  onDelete?: (type: RelationType) => Promise<boolean>;
  close: () => void;
}

function DeleteQuestion({ type, name, blocked, busy, onDelete, close }: DeleteProps) {
  const { t } = useI18n();
  return (
    <p className="relation-type-ask" role="alert">
      {blocked ? t('relationTypes.deleteBlocked', { count: type.relations, name }) : t('relationTypes.deleteAsk', { name })}{' '}
      {!blocked && (
        <button
          type="button"
          className="button button-small button-danger"
          disabled={busy}
          onClick={() => void onDelete?.(type).then((done) => done || close())}
        >
          {t('common.delete')}
        </button>
      )}{' '}
      <button type="button" className="button button-small" onClick={close}>
        {blocked ? t('common.close') : t('common.cancel')}
      </button>
    </p>
  );
}

function RowButtons({
  type,
  name,
  busy,
  changed,
  askDelete,
}: {
  type: RelationType | null;
  name: string;
  busy: boolean;
  changed: boolean;
  askDelete: () => void;
}) {
  const { t } = useI18n();
  if (!type) {
    return (
      <button type="submit" className="button button-small button-primary relation-type-add" disabled={busy}>
        + {t('relationTypes.add')}
      </button>
    );
  }
  return (
    <>
      <button type="submit" className="button button-small button-primary" aria-label={t('relationTypes.saveOne', { name })} disabled={busy || !changed}>
        {t('common.save')}
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        aria-label={t('relationTypes.deleteOne', { name })}
        disabled={busy}
        onClick={askDelete}
      >
        {t('common.delete')}
      </button>
    </>
  );
}
