// The selected span's relations (#23), in the span detail: each with its type, direction and the
// other span (a click selects it), accept / reject / delete, and Add relation (R, or the button
// then a click on the target).
import type { Relation } from '../../../shared/api/entities';
import type { Annotation } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { pickerHooks, startRelation } from './entityCommands';
import type { EntityState } from './entityState';
import { useEntities } from './SpanEntity';

export function SpanRelations({ session, span }: { session: DocSession; span: Annotation }) {
  const { t } = useI18n();
  const toast = useToast();
  const { labels } = useAppState();
  const state = useEntities(session);
  const relations = state.relationsOf(span.id);
  const act = (work: () => Promise<void>) => void work().catch((e: unknown) => toast.error(errorMessage(e)));
  const picking = state.picker?.stage?.from.id === span.id;
  return (
    <div className="span-relations" data-testid="span-relations">
      <div className="span-relations-head">
        <h4 className="subsection-title">{t('relations.section')}</h4>
        <button
          type="button"
          className={`button button-small${picking ? ' is-on' : ''}`}
          aria-pressed={picking}
          onClick={() => (picking ? state.picker?.cancel() : act(() => startRelation(state, pickerHooks(t, labels, session, toast.info, toast.error))))}
        >
          {t('relations.add')} <kbd>R</kbd>
        </button>
      </div>
      {relations.length === 0 ? (
        <p className="muted">{t('relations.none')}</p>
      ) : (
        <div role="list" className="relation-list">
          {relations.map((r) => (
            <RelationRow key={r.id} relation={r} state={state} focusId={span.id} act={act} />
          ))}
        </div>
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
}

export function RelationRow({ relation: r, state, focusId, act, style }: RowProps) {
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
  return (
    <div role="listitem" className={`relation-row review-${r.reviewState}`} data-relation-id={r.id} style={style}>
      <span className="relation-main">
        {end(r.fromId)}
        <span className="relation-type">→ {type?.name || r.typeKey} →</span>
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
