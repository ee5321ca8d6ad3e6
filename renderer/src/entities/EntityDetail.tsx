// One entity (#23): rename, aliases, fields (role, organization, district) and note, saved
// together; delete (its mentions stay as spans); its mentions by date, each opening in the reader;
// checked mentions split off into a new entity.
import { useCallback, useEffect, useState } from 'react';
import { ENTITY_FIELDS, type EntityDetail as Detail, type EntityFields, type EntityMention } from '../../../shared/api/entities';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';
import { dateRange } from './entityFormat';
import { ENTITIES_CHANGED_EVENT, entitiesChanged } from './entityState';

export type MentionTarget = Pick<EntityMention, 'documentId' | 'annotationId' | 'start'>;

interface Props {
  id: number;
  back: () => void;
  openMention: (m: MentionTarget) => void;
}

const splitAliases = (s: string) => [
  ...new Set(
    s
      .split(/[、,，;；\n]/)
      .map((a) => a.trim())
      .filter(Boolean),
  ),
];

function useEntity(id: number) {
  const toast = useToast();
  const [entity, setEntity] = useState<Detail | null>(null);
  const load = useCallback(
    () =>
      callOrThrow('entities:get', { id }).then(setEntity, (e: unknown) => {
        toast.error(errorMessage(e));
      }),
    [id, toast],
  );
  useEffect(() => {
    void load();
    window.addEventListener(ENTITIES_CHANGED_EVENT, load);
    return () => window.removeEventListener(ENTITIES_CHANGED_EVENT, load);
  }, [load]);
  return { entity, load };
}

export function EntityDetail({ id, back, openMention }: Props) {
  const { t } = useI18n();
  const { entity } = useEntity(id);
  return (
    <div className="entity-detail">
      <button type="button" className="button button-small button-ghost" onClick={back}>
        ← {t('entities.back')}
      </button>
      {entity && <EntityForm key={`${entity.id}-${entity.updatedAt}`} entity={entity} back={back} />}
      {entity && <MentionList entity={entity} openMention={openMention} />}
    </div>
  );
}

function EntityForm({ entity, back }: { entity: Detail; back: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const { labelById } = useAppState();
  const [name, setName] = useState(entity.name);
  const [aliases, setAliases] = useState(entity.aliases.join('、'));
  const [fields, setFields] = useState<EntityFields>(entity.fields);
  const [note, setNote] = useState(entity.note);
  const label = labelById.get(entity.labelId);
  const save = async () => {
    try {
      const saved = await callOrThrow('entities:update', { id: entity.id, name, aliases: splitAliases(aliases), fields, note });
      toast.info(t('entities.saved', { name: saved.name }));
      entitiesChanged(false);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  const remove = async () => {
    try {
      const { unlinked } = await callOrThrow('entities:delete', { id: entity.id });
      toast.info(t('entities.deleted', { name: entity.name, count: unlinked }));
      entitiesChanged(true);
      back();
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <form
      className="entity-form"
      style={{ '--chip': label?.color ?? '#888' } as React.CSSProperties}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="entity-form-meta">
        <span className="label-dot" style={{ background: label?.color ?? '#888' }} /> {label?.key} · {t('entities.mentionCount', { count: entity.mentions })} ·{' '}
        {t('entities.documentCount', { count: entity.documents })} · {dateRange(t, entity)}
      </p>
      <div className="field">
        <label htmlFor="entity-name">{t('entities.name')}</label>
        <input id="entity-name" className="input" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="entity-aliases">{t('entities.aliases')}</label>
        <input id="entity-aliases" className="input" value={aliases} onChange={(e) => setAliases(e.target.value)} />
      </div>
      <div className="entity-fields">
        {ENTITY_FIELDS.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`entity-${f}`}>{t(`entities.field.${f}`)}</label>
            <input id={`entity-${f}`} className="input" value={fields[f] ?? ''} onChange={(e) => setFields({ ...fields, [f]: e.target.value })} />
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor="entity-note">{t('entities.note')}</label>
        <textarea id="entity-note" className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="entity-form-actions">
        <button type="submit" className="button button-small button-primary">
          {t('common.save')}
        </button>
        <button type="button" className="button button-small button-danger" onClick={() => void remove()}>
          {t('entities.deleteEntity')}
        </button>
      </div>
    </form>
  );
}

function MentionList({ entity, openMention }: { entity: Detail; openMention: (m: MentionTarget) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [splitName, setSplitName] = useState('');
  const toggle = (id: number) =>
    setChecked((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const split = async () => {
    try {
      const { created } = await callOrThrow('entities:split', { id: entity.id, annotationIds: [...checked], name: splitName || entity.name });
      toast.info(t('entities.splitDone', { count: checked.size, name: created.name }));
      setChecked(new Set());
      setSplitName('');
      entitiesChanged(true);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <>
      <h4 className="subsection-title">
        {t('entities.mentions')} ({entity.mentions})
      </h4>
      {checked.size > 0 && (
        <div className="entity-split">
          <input
            className="input"
            placeholder={t('entities.splitName')}
            aria-label={t('entities.splitName')}
            value={splitName}
            onChange={(e) => setSplitName(e.target.value)}
          />
          <button type="button" className="button button-small" onClick={() => void split()}>
            {t('entities.split', { count: checked.size })}
          </button>
        </div>
      )}
      <ul className="mention-rows">
        {entity.mentionList.map((m) => (
          <li key={m.annotationId} className="mention-row">
            <input type="checkbox" checked={checked.has(m.annotationId)} onChange={() => toggle(m.annotationId)} aria-label={t('entities.selectMention')} />
            <button type="button" className="mention-open" title={t('entities.openMention')} onClick={() => openMention(m)}>
              <span className="mention-text">{m.text}</span>
              {m.role && <span className="entity-role">{m.role}</span>}
              <span className="mention-doc">
                {m.date?.slice(0, 10) ?? t('entities.undated')} · {m.title}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
