// The entity panel (#23), in the side pane: every entity of the corpus with its label colour,
// mention and document counts and first/last date, filtered by label and name or alias, sorted;
// checked rows merge (a conflict asks which value to keep); a row opens its detail (rename,
// aliases, fields, note, mentions that open in the reader, split). A second view lists the open
// document's relations.
import { useCallback, useEffect, useState } from 'react';
import type { EntityPage, EntitySort, EntitySummary } from '../../../shared/api/entities';
import { ENTITY_SORTS } from '../../../shared/api/entities';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { DocumentRelations } from './DocumentRelations';
import { EntityDetail, type MentionTarget } from './EntityDetail';
import { ENTITIES_CHANGED_EVENT, entitiesChanged } from './entityState';
import { MergeDialog, mergeEntities } from './MergeDialog';
import { dateRange } from './entityFormat';
import './entities.css';

const PAGE = 100;

export interface EntitiesPanelProps {
  session: DocSession | null;
  /** Opens a mention: its document in the reader, the span selected. */
  openMention: (m: MentionTarget) => void;
  /** The entity to show first (the span detail's entity chip). */
  initialEntityId?: number | null;
}

interface Query {
  labelId: number | null;
  query: string;
  sort: EntitySort;
}

export function EntitiesPanel({ session, openMention, initialEntityId = null }: EntitiesPanelProps) {
  const { t } = useI18n();
  const [view, setView] = useState<'entities' | 'relations'>('entities');
  const [openId, setOpenId] = useState<number | null>(initialEntityId);
  useEffect(() => setOpenId(initialEntityId), [initialEntityId]);
  return (
    <section className="entities-panel" aria-label={t('entities.title')}>
      <div className="segmented" role="group" aria-label={t('entities.title')}>
        {(['entities', 'relations'] as const).map((v) => (
          <button key={v} type="button" className={`segmented-item${view === v ? ' is-on' : ''}`} aria-pressed={view === v} onClick={() => setView(v)}>
            {t(`entities.view.${v}`)}
          </button>
        ))}
      </div>
      {view === 'relations' ? (
        session ? (
          <DocumentRelations session={session} />
        ) : null
      ) : openId !== null ? (
        <EntityDetail id={openId} back={() => setOpenId(null)} openMention={openMention} />
      ) : (
        <EntityList open={setOpenId} />
      )}
    </section>
  );
}

function useEntityPage(q: Query, limit: number) {
  const toast = useToast();
  const [page, setPage] = useState<EntityPage | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    const direction = q.sort === 'name' || q.sort === 'first' ? 'asc' : 'desc';
    callOrThrow('entities:list', { ...(q.labelId ? { labelId: q.labelId } : {}), ...(q.query ? { query: q.query } : {}), sort: q.sort, direction, limit }).then(
      (p) => live && setPage(p),
      (e: unknown) => toast.error(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [q.labelId, q.query, q.sort, limit, tick, toast]);
  useEffect(() => {
    window.addEventListener(ENTITIES_CHANGED_EVENT, reload);
    return () => window.removeEventListener(ENTITIES_CHANGED_EVENT, reload);
  }, [reload]);
  return { page, reload };
}

function EntityList({ open }: { open: (id: number) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [q, setQ] = useState<Query>({ labelId: null, query: '', sort: 'mentions' });
  const [limit, setLimit] = useState(PAGE);
  const { page } = useEntityPage(q, limit);
  const [checked, setChecked] = useState<EntitySummary[]>([]);
  const [conflict, setConflict] = useState<Awaited<ReturnType<typeof mergeEntities>> | null>(null);
  const toggle = (e: EntitySummary) => setChecked((c) => (c.some((x) => x.id === e.id) ? c.filter((x) => x.id !== e.id) : [...c, e]));
  // The one with the most mentions keeps its id; the others merge into it.
  const into = [...checked].sort((a, b) => b.mentions - a.mentions)[0];
  const merge = async () => {
    const outcome = await mergeEntities(into, checked, undefined).catch((e: unknown) => {
      toast.error(errorMessage(e));
      return null;
    });
    if (!outcome) return;
    if (outcome.kind === 'conflict') return setConflict(outcome);
    toast.info(t('entities.merged', { name: outcome.entity.name }));
    setChecked([]);
    entitiesChanged(true);
  };
  return (
    <>
      <EntityFilters q={q} setQ={setQ} />
      <div className="entity-list-head">
        <span className="muted" data-testid="entity-total">
          {page ? t('entities.total', { count: page.total }) : t('common.loading')}
        </span>
        {checked.length >= 2 && into && (
          <button type="button" className="button button-small button-primary" onClick={() => void merge()}>
            {t('entities.merge', { count: checked.length - 1, name: into.name })}
          </button>
        )}
      </div>
      {page && page.entities.length === 0 ? (
        <p className="empty-note">{q.query || q.labelId ? t('entities.noMatch') : t('entities.empty')}</p>
      ) : (
        <ul className="entity-rows" aria-label={t('entities.title')}>
          {page?.entities.map((e) => (
            <EntityRow key={e.id} entity={e} checked={checked.some((x) => x.id === e.id)} toggle={() => toggle(e)} open={() => open(e.id)} />
          ))}
        </ul>
      )}
      {page && page.entities.length < page.total && (
        <button type="button" className="button button-small" onClick={() => setLimit((n) => Math.min(1000, n + PAGE))}>
          {t('entities.more')}
        </button>
      )}
      {conflict?.kind === 'conflict' && (
        <MergeDialog
          conflict={conflict}
          onClose={() => setConflict(null)}
          onMerged={(entity) => {
            setConflict(null);
            setChecked([]);
            toast.info(t('entities.merged', { name: entity.name }));
            entitiesChanged(true);
          }}
        />
      )}
    </>
  );
}

function EntityFilters({ q, setQ }: { q: Query; setQ: (q: Query) => void }) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  return (
    <div className="entity-filters">
      <select
        className="select"
        aria-label={t('entities.allLabels')}
        value={q.labelId ?? ''}
        onChange={(e) => setQ({ ...q, labelId: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">{t('entities.allLabels')}</option>
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            {labelName(l)}
          </option>
        ))}
      </select>
      <input
        type="search"
        className="input"
        placeholder={t('entities.filter')}
        aria-label={t('entities.filter')}
        value={q.query}
        onChange={(e) => setQ({ ...q, query: e.target.value })}
      />
      <select className="select" aria-label={t('entities.sort')} value={q.sort} onChange={(e) => setQ({ ...q, sort: e.target.value as EntitySort })}>
        {ENTITY_SORTS.map((s) => (
          <option key={s} value={s}>
            {t(`entities.sort.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function EntityRow({ entity: e, checked, toggle, open }: { entity: EntitySummary; checked: boolean; toggle: () => void; open: () => void }) {
  const { t } = useI18n();
  const { labelById } = useAppState();
  const label = labelById.get(e.labelId);
  return (
    <li className={`entity-row${checked ? ' is-checked' : ''}`} data-entity-id={e.id}>
      <input type="checkbox" checked={checked} onChange={toggle} aria-label={t('entities.select', { name: e.name })} />
      <span className="label-dot" style={{ background: label?.color ?? '#888' }} title={label?.key} />
      <button type="button" className="entity-row-main" onClick={open}>
        <span className="entity-row-name">{e.name}</span>
        {e.aliases.length > 0 && <span className="entity-row-aliases">{e.aliases.join('、')}</span>}
        <span className="entity-row-meta">
          {t('entities.mentionCount', { count: e.mentions })} · {t('entities.documentCount', { count: e.documents })} · {dateRange(t, e)}
        </span>
      </button>
    </li>
  );
}
