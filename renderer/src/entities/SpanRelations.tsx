// The selected span's relations (#23), in the span detail and the review card: each with its type,
// direction and the other span (a click selects it), accept / reject / delete — by the buttons or,
// on the focused row, by keys (useRelationListKeys: Shift+R comes here) — and Add relation (R, or
// the button then a click on the target; not in review mode, where R rejects).
import type { Relation } from '../../../shared/api/entities';
import type { Annotation } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { pickerHooks, startRelation } from './entityCommands';
import type { EntityState } from './entityState';
import { useEntities } from './SpanEntity';
import { useRelationListKeys, type RelationListKeys } from './useRelationListKeys';
import './relationTypes.css';

export function SpanRelations({ session, span, canAdd = true }: { session: DocSession; span: Annotation; canAdd?: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const { labels } = useAppState();
  const state = useEntities(session);
  const relations = state.relationsOf(span.id);
  const act = (work: () => Promise<void>) => void work().catch((e: unknown) => toast.error(errorMessage(e)));
  const picking = state.picker?.stage?.from.id === span.id;
  const keys = useRelationListKeys(relations, state, act);
  return (
    <div className="span-relations" data-testid="span-relations">
      <div className="span-relations-head">
        <h4 className="subsection-title">{t('relations.section')}</h4>
        {canAdd && (
          <button
            type="button"
            className={`button button-small${picking ? ' is-on' : ''}`}
            aria-pressed={picking}
            onClick={() => (picking ? state.picker?.cancel() : act(() => startRelation(state, pickerHooks(t, labels, session, toast.info, toast.error))))}
          >
            {t('relations.add')} <kbd>R</kbd>
          </button>
        )}
      </div>
      {relations.length === 0 ? (
        <p className="muted">{t('relations.none')}</p>
      ) : (
        <>
          <div role="list" className="relation-list" aria-label={t('relations.section')} onKeyDown={keys.onKeyDown}>
            {relations.map((r) => (
              <RelationRow key={r.id} relation={r} state={state} focusId={span.id} act={act} keys={keys} />
            ))}
          </div>
          <p className="relation-list-hint muted">
            <kbd>Shift+R</kbd> {t('relations.listHint')}
          </p>
        </>
      )}
    </div>
  );
}

/** One relation: from → type → to, the side that is not `focusId` clickable, and its review buttons. */
interface RowProps {
  relation: Relation;
  state: EntityState;
  focusId: number | null;
  act: (w: () => Promise<void>) => void;
  style?: React.CSSProperties;
  keys: RelationListKeys;
}

export function RelationRow({ relation: r, state, focusId, act, style, keys }: RowProps) {
  const { t } = useI18n();
  const session = state.session;
  const text = (id: number) => {
    const s = session.spanById(id);
    return s ? session.doc.text.slice(s.start, s.end) : '?';
  };
  const end = (id: number) =>
    id === focusId ? (
      <span className="relation-end is-self">{text(id)}</span>
    ) : (
      <button type="button" className="relation-end" title={t('relations.selectOther')} onClick={() => session.select(id, true)}>
        {text(id)}
      </button>
    );
  const type = state.typeOf(r);
  const { current, ...focusProps } = keys.rowProps(r.id);
  const name = type?.name || r.typeKey;
  return (
    <div
      role="listitem"
      className={`relation-row review-${r.reviewState}${current ? ' is-current' : ''}`}
      data-relation-id={r.id}
      style={style}
      aria-label={`${text(r.fromId)} → ${name} → ${text(r.toId)}: ${t(`spans.review.${r.reviewState}`)}`}
      {...focusProps}
    >
      <span className="relation-main">
        {end(r.fromId)}
        <span className="relation-type">→ {name} →</span>
        {end(r.toId)}
      </span>
      <span className={`review-pill review-${r.reviewState}`}>{t(`spans.review.${r.reviewState}`)}</span>
      <span className="relation-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={t('relations.accept')}
          title={t('relations.accept')}
          onClick={() => act(() => state.reviewRelation(r.id, r.reviewState === 'accepted' ? 'pending' : 'accepted'))}
        >
          ✓
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('relations.reject')}
          title={t('relations.reject')}
          onClick={() => act(() => state.reviewRelation(r.id, r.reviewState === 'rejected' ? 'pending' : 'rejected'))}
        >
          ✗
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('relations.delete')}
          title={t('relations.delete')}
          onClick={() => act(() => state.deleteRelation(r.id))}
        >
          ⌫
        </button>
      </span>
    </div>
  );
}
