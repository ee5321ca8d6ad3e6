// Ctrl+F's "label all": every hit of the find query in this document, through the same search
// channels as the corpus search (scope: this document), previewed, then one undoable batch; the
// reader reloads its spans at once.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { useLabelAll } from './useLabelAll';

interface Props {
  session: DocSession;
  query: string;
  count: number;
}

export function FindBarLabelAll({ session, query, count }: Props) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const [labelId, setLabelId] = useState<number | null>(labels[0]?.id ?? null);
  const labelAll = useLabelAll(() => void session.resync());
  const label = labels.find((l) => l.id === labelId) ?? labels[0];
  if (!label) return null;
  const search = { query, scope: { documentIds: [session.doc.id] } };
  const { plan, notice, busy } = labelAll;
  return (
    <span className="find-label-all">
      <select className="input input-compact" aria-label={t('search.labelWith')} value={label.id} onChange={(e) => setLabelId(Number(e.target.value))}>
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            {labelName(l)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-small"
        disabled={!query || count === 0 || busy}
        title={t('find.labelAllHint')}
        onClick={() => void labelAll.preview(search, 'all', label.id)}
      >
        {t('find.labelAll', { n: count, label: labelName(label) })}
      </button>
      {plan && (
        <span className="find-label-all-preview" role="status">
          {t('search.preview', { create: plan.preview.create, skip: plan.preview.alreadyLabelled, conflicts: plan.preview.conflictCount })}
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy || plan.preview.create === 0}
            onClick={() => void labelAll.confirm()}
          >
            {t('search.confirm')}
          </button>
          <button type="button" className="button button-small button-ghost" onClick={labelAll.cancel}>
            {t('common.cancel')}
          </button>
        </span>
      )}
      {!plan && notice && (
        <span className="find-label-all-preview" role="status">
          {notice.message}
          <button type="button" className="button button-small" disabled={!notice.canUndo || busy} onClick={() => void labelAll.undo()}>
            {t('search.undo')}
          </button>
          <button type="button" className="button button-small button-ghost" disabled={!notice.canRedo || busy} onClick={() => void labelAll.redo()}>
            {t('search.redo')}
          </button>
        </span>
      )}
    </span>
  );
}
