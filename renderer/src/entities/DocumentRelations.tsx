// Every relation of the open document (#23), in text order of their source span: a list that stays
// quick with 2,000 of them (only the rows in view exist); a click on an end selects that span, and
// the reader draws the selected span's arcs. Reviewed by keys on the focused row, as spans are.
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../i18n';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { VirtualList, type VirtualListHandle } from '../components/VirtualList';
import { useEntities } from './SpanEntity';
import { RelationRow } from './SpanRelations';
import { useRelationListKeys } from './useRelationListKeys';

const ROW = 54;

export function DocumentRelations({ session }: { session: DocSession }) {
  const { t } = useI18n();
  const toast = useToast();
  const state = useEntities(session);
  // Shown afresh each time: relations written elsewhere (an import, another window) appear too.
  useEffect(() => void state.refresh(), [state]);
  const relations = state.visibleRelations();
  const sorted = useMemo(
    () => [...relations].sort((a, b) => (session.spanById(a.fromId)?.start ?? 0) - (session.spanById(b.fromId)?.start ?? 0) || a.id - b.id),
    [relations, session],
  );
  const act = (work: () => Promise<void>) => void work().catch((e: unknown) => toast.error(errorMessage(e)));
  const list = useRef<VirtualListHandle>(null);
  const keys = useRelationListKeys(sorted, state, act, (i) => list.current?.scrollToIndex(i));
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  for (const r of sorted) counts[r.reviewState]++;
  if (sorted.length === 0) return <p className="empty-note">{t('relations.docEmpty')}</p>;
  return (
    <div className="document-relations">
      <p className="muted" data-testid="relation-total">
        {t('relations.docCount', { count: sorted.length })}
      </p>
      <p className="muted" data-testid="relation-review-counts">
        {t('relations.reviewCounts', counts)}
      </p>
      <VirtualList
        className="relation-rows"
        count={sorted.length}
        rowHeight={ROW}
        role="list"
        label={t('entities.view.relations')}
        handle={list}
        onKeyDown={keys.onKeyDown}
        renderRow={(i) => <RelationRow key={sorted[i].id} relation={sorted[i]} state={state} focusId={null} act={act} keys={keys} style={{ height: ROW }} />}
      />
      <p className="relation-list-hint muted">
        <kbd>Shift+R</kbd> {t('relations.listHint')}
      </p>
    </div>
  );
}
