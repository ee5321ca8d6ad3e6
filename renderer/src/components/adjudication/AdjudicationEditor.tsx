// Edit mode's part of the panel: what to do, the labels to pick (their keys shown), the drafted
// gold spans, and save / cancel.
import { labelKeys } from '../../../../shared/hotkeys';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state/appState';
import { SpanLine } from './AdjudicationUnit';
import type { AdjudicationEdit } from './useAdjudicationEdit';

// Buttons keep the reader's selection: a mousedown on them would otherwise clear it.
const PROBLEM_TEXT = {
  noSelection: 'adjudication.editNoSelection',
  duplicate: 'adjudication.editDuplicate',
  empty: 'adjudication.editEmpty',
} as const;

const keepSelection = (e: React.MouseEvent) => e.preventDefault();

export function AdjudicationEditor({ edit, text }: { edit: AdjudicationEdit; text: string }) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const keys = labelKeys(labels);
  return (
    <div className="adjudication-edit" data-testid="adjudication-edit" role="group" aria-label={t('adjudication.editTitle')}>
      <p className="agreement-note">{t('adjudication.editHint')}</p>
      <div className="adjudication-edit-labels">
        {labels.map((label) => (
          <button key={label.id} type="button" className="button button-small" onMouseDown={keepSelection} onClick={() => edit.add(label.id)}>
            <span className="label-dot" style={{ background: label.color }} aria-hidden="true" />{' '}
            {(keys.get(label.id) ?? []).map((k) => k.toUpperCase()).join(' ')} {labelName(label)}
          </button>
        ))}
      </div>
      <ul className="adjudication-list" data-testid="adjudication-drafts">
        {edit.drafts.length === 0 ? (
          <li className="agreement-note">{t('adjudication.editNone')}</li>
        ) : (
          edit.drafts.map((d) => <SpanLine key={`${d.start}:${d.end}:${d.labelId}`} span={{ ...d, text: text.slice(d.start, d.end) }} />)
        )}
      </ul>
      {edit.problem && (
        <p className="agreement-note" role="alert">
          {edit.problem.problem === 'outside'
            ? t('adjudication.editOutside', { start: edit.problem.start, end: edit.problem.end })
            : t(PROBLEM_TEXT[edit.problem.problem])}
        </p>
      )}
      <div className="agreement-head">
        <button type="button" className="button button-small button-primary" onMouseDown={keepSelection} onClick={edit.save}>
          ↵ {t('adjudication.editSave')}
        </button>
        <button type="button" className="button button-small" onMouseDown={keepSelection} onClick={edit.cancel}>
          Esc {t('adjudication.editCancel')}
        </button>
      </div>
    </div>
  );
}
