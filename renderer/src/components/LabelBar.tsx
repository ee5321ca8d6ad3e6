// Bottom bar: what is selected, and one chip per label (click or press its key to tag); a chip's
// tooltip is its label's guideline and examples.
import { labelKeys } from '../../../shared/hotkeys';
import type { Annotation, Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import { guidelineTooltip } from './labelGuideline';

interface Props {
  labels: Label[];
  selection: { start: number; end: number } | null;
  selectedSpan: Annotation | null;
  onTag: (label: Label) => void;
}

export function LabelBar({ labels, selection, selectedSpan, onTag }: Props) {
  const { t, lang, labelName } = useI18n();
  const keys = labelKeys(labels);
  const status = selection
    ? `${t('reader.selection', { n: selection.end - selection.start })} — ${t('reader.pressLabel', { n: Math.min(9, labels.length) })}`
    : selectedSpan
      ? t('spans.range', { start: selectedSpan.start, end: selectedSpan.end })
      : t('toast.selectFirst');
  return (
    <footer className="label-bar">
      <span className="label-bar-status" aria-live="polite">
        {status}
      </span>
      <div className="label-chips">
        {labels.map((label) => (
          <button
            key={label.id}
            type="button"
            className={`label-chip${selectedSpan?.labelId === label.id ? ' is-current' : ''}`}
            style={{ '--chip': label.color } as React.CSSProperties}
            title={guidelineTooltip(label, labelName(label), lang, t)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onTag(label)}
          >
            <span className="label-dot" style={{ background: label.color }} />
            {labelName(label)}
            {keys.get(label.id)!.map((k) => (
              <kbd key={k}>{k.toUpperCase()}</kbd>
            ))}
          </button>
        ))}
      </div>
    </footer>
  );
}
