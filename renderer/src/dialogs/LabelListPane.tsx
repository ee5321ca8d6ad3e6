// The label editor's left pane: the labels in order (select, move up/down), the unsaved new one, and "add".
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { LabelDraft } from './LabelForm';

interface Props {
  labels: Label[];
  selected: number | null;
  draft: LabelDraft | null;
  busy: boolean;
  onSelect: (id: number) => void;
  onMove: (id: number, dir: -1 | 1) => void;
  onAdd: () => void;
}

export function LabelListPane({ labels, selected, draft, busy, onSelect, onMove, onAdd }: Props) {
  const { t, labelName } = useI18n();
  return (
    <div className="label-list">
      <ul aria-label={t('labels.title')}>
        {labels.map((l, i) => (
          <li key={l.id} className={`label-list-item${l.id === selected ? ' is-active' : ''}`}>
            <button type="button" className="label-list-main" aria-current={l.id === selected ? 'true' : undefined} onClick={() => onSelect(l.id)}>
              <span className="label-dot" style={{ background: l.color }} />
              <span className="label-list-name">{labelName(l)}</span>
              <span className="label-list-key">{l.key}</span>
              {l.hotkey && <kbd>{l.hotkey.toUpperCase()}</kbd>}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`${t('common.moveUp')} ${labelName(l)}`}
              disabled={i === 0 || busy}
              onClick={() => onMove(l.id, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`${t('common.moveDown')} ${labelName(l)}`}
              disabled={i === labels.length - 1 || busy}
              onClick={() => onMove(l.id, 1)}
            >
              ↓
            </button>
          </li>
        ))}
        {draft?.id === null && (
          <li className="label-list-item is-active">
            <span className="label-list-main">
              <span className="label-dot" style={{ background: draft.color }} /> {draft.nameZh || t('labels.add')}
            </span>
          </li>
        )}
      </ul>
      <button type="button" className="button button-small" onClick={onAdd}>
        + {t('labels.add')}
      </button>
    </div>
  );
}
