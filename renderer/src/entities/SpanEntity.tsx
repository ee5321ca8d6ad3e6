// The selected span's entity (#23), in the span detail: the entity it is linked to (with the title
// kept as its role), or the proposed one — an entity whose name or alias matches, or a new one named
// after the mention — with Link (L) and Link all identical (Shift+L), and the last batch's Undo.
import { useEffect, useState, type MutableRefObject } from 'react';
import type { Annotation } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { ENTITIES_EVENT, linkIdenticalSelected, linkSelected } from './entityCommands';
import { entitiesOf, type EntityState } from './entityState';
import './entities.css';

/** Re-renders when the entity state changes (relations fetched, links, proposals). */
export function useEntities(session: DocSession): EntityState {
  const state = entitiesOf(session);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = state.subscribe(() => setVersion(state.version));
    setVersion(state.version); // an answer that came before the subscription
    return unsubscribe;
  }, [state]);
  return state;
}

/** Opens the entity panel on one entity. */
export function showEntity(id: number): void {
  window.dispatchEvent(new CustomEvent(ENTITIES_EVENT, { detail: { entityId: id } }));
}

export function SpanEntity({ session, span }: { session: DocSession; span: Annotation; reader?: MutableRefObject<ReaderHandle | null> }) {
  const { t } = useI18n();
  const toast = useToast();
  const state = useEntities(session);
  const linked = span.entityId != null ? state.entity(span.entityId) : undefined;
  const proposal = span.entityId == null ? state.proposal(span) : undefined;
  const act = (work: () => Promise<void>) => void work().catch((e: unknown) => toast.error(errorMessage(e)));
  const role = span.attributes.role;
  const batch = state.lastBatch;
  return (
    <div className="span-entity" data-testid="span-entity">
      <h4 className="subsection-title">{t('entities.section')}</h4>
      {span.entityId != null ? (
        <div className="span-entity-row">
          <button type="button" className="entity-chip" onClick={() => showEntity(span.entityId!)} title={t('entities.showInPanel')}>
            {linked?.name ?? '…'}
          </button>
          {linked && <span className="muted">{t('entities.mentionCount', { count: linked.mentions })}</span>}
          {role && <span className="entity-role">{t('entities.role', { role })}</span>}
          <span className="span-entity-actions">
            <button type="button" className="button button-small" onClick={() => act(() => linkIdenticalSelected(state, t, toast.info))} title="Shift+L">
              {t('entities.linkIdentical')} <kbd>Shift+L</kbd>
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => act(async () => void (await state.linkTo([span.id], null)))}>
              {t('entities.unlink')}
            </button>
          </span>
        </div>
      ) : (
        <div className="span-entity-row">
          <span className="muted">{t('entities.proposed')}:</span>
          <span className="entity-proposal" data-testid="entity-proposal">
            {proposal ? (
              proposal.candidates[0] ? (
                <strong>{proposal.candidates[0].entity.name}</strong>
              ) : (
                t('entities.newEntity', { name: proposal.name })
              )
            ) : (
              (state.proposalError(span.id) ?? '…')
            )}
          </span>
          {proposal && (proposal.candidates[0]?.role ?? proposal.role) && (
            <span className="entity-role">
              {t('entities.roleKept', { role: (proposal.candidates[0] ? proposal.candidates[0].role : proposal.role) ?? '' })}
            </span>
          )}
          <span className="span-entity-actions">
            <button type="button" className="button button-small button-primary" onClick={() => act(() => linkSelected(state, t, toast.info))} title="L">
              {t('entities.link')} <kbd>L</kbd>
            </button>
            <button type="button" className="button button-small" onClick={() => act(() => linkIdenticalSelected(state, t, toast.info))} title="Shift+L">
              {t('entities.linkIdentical')} <kbd>Shift+L</kbd>
            </button>
          </span>
        </div>
      )}
      {batch && (
        <p className="entity-batch" role="status">
          {batch.undone ? t('entities.batchUndone', { count: batch.linked }) : t('entities.batch', { count: batch.linked, documents: batch.documents })}
          <button type="button" className="button button-small button-ghost" onClick={() => act(() => state.undoLastBatch())}>
            {batch.undone ? t('entities.redoBatch') : t('entities.undoBatch')}
          </button>
        </p>
      )}
    </div>
  );
}
