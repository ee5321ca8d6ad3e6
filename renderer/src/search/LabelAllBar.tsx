// Label all: the label to use, the button (every hit, or the checked ones), the preview of what it
// would do (created, skipped, conflicts listed) with its confirm, and the last batch's Undo / Redo.
import type { ReactNode } from 'react';
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { BatchNotice, LabelAllPlan } from './useLabelAll';

const CONFLICTS_SHOWN = 8;

interface Props {
  labels: Label[];
  labelId: number | null;
  setLabelId: (id: number) => void;
  /** Hits the button labels: the checked ones, or all (null = the total is not counted yet). */
  checkedCount: number;
  total: number | null;
  disabled: boolean;
  onLabel: () => void;
  plan: LabelAllPlan | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  notice: BatchNotice | null;
  onUndo: () => void;
  onRedo: () => void;
  /** Shown at the row's end (the concordance's layout controls). */
  children?: ReactNode;
}

export function LabelAllBar(props: Props) {
  const { t, labelName } = useI18n();
  const { labels, labelId, checkedCount, total } = props;
  const buttonText =
    checkedCount > 0 ? t('search.labelChecked', { n: checkedCount }) : total === null ? t('search.labelAllHits') : t('search.labelAll', { n: total });
  return (
    <div className="label-all">
      <div className="label-all-row">
        <label className="search-field">
          <span>{t('search.labelWith')}</span>
          <select className="input input-compact" value={labelId ?? ''} onChange={(e) => props.setLabelId(Number(e.target.value))}>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {labelName(l)}
              </option>
            ))}
          </select>
        </label>
        <span className="label-dot" style={{ background: labels.find((l) => l.id === labelId)?.color }} aria-hidden="true" />
        <button type="button" className="button button-primary" disabled={props.disabled || props.busy || labelId === null} onClick={props.onLabel}>
          {buttonText}
        </button>
        {props.notice && (
          <span className="label-all-notice" role="status">
            {props.notice.message}
            <button type="button" className="button button-small" disabled={!props.notice.canUndo || props.busy} onClick={props.onUndo}>
              {t('search.undo')}
            </button>
            <button type="button" className="button button-small button-ghost" disabled={!props.notice.canRedo || props.busy} onClick={props.onRedo}>
              {t('search.redo')}
            </button>
          </span>
        )}
        {props.children}
      </div>
      {props.plan && <LabelAllPreviewBox plan={props.plan} busy={props.busy} onConfirm={props.onConfirm} onCancel={props.onCancel} />}
    </div>
  );
}

function LabelAllPreviewBox({ plan, busy, onConfirm, onCancel }: { plan: LabelAllPlan; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { preview } = plan;
  return (
    <div className="label-all-preview" role="alertdialog" aria-label={t('search.labelWith')}>
      <p className="label-all-summary">{t('search.preview', { create: preview.create, skip: preview.alreadyLabelled, conflicts: preview.conflictCount })}</p>
      {preview.conflicts.length > 0 && (
        <div className="label-all-conflicts">
          <p className="muted">{t('search.conflicts')}</p>
          <ul>
            {preview.conflicts.slice(0, CONFLICTS_SHOWN).map((c) => (
              <li key={`${c.documentId}:${c.start}`} lang="zh-CN">
                <span className="muted">{c.title}</span> …{c.left}
                <mark className="kwic-hit">{c.text}</mark>
                {c.right}…
              </li>
            ))}
          </ul>
          {preview.conflictCount > CONFLICTS_SHOWN && <p className="muted">{t('search.conflictsMore', { n: preview.conflictCount - CONFLICTS_SHOWN })}</p>}
        </div>
      )}
      {preview.create === 0 && <p className="muted">{t('search.nothingToLabel')}</p>}
      <div className="label-all-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={busy || preview.create === 0} onClick={onConfirm} autoFocus>
          {t('search.confirm')}
        </button>
      </div>
    </div>
  );
}
