// The hover card of a ghost span, styled as the card of a real span (reader/HoverCard.tsx): its label
// and text, where it came from (the dictionary, which gazetteer, which pattern, the model) with its
// confidence, and the keys that act on it. Drawn in a portal: the bar is a size container, which
// would hold a fixed card inside itself.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Suggestion } from '../../../shared/api/suggestions';
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { GhostHoverInfo } from './ghostHover';
import { onSourceNamesChanged, sourceName } from './sourceNames';

/** The source's kind and, for a gazetteer, pattern or model, which one ('' until known). */
export function useSourceName(s: Suggestion | null): string {
  const [name, setName] = useState('');
  const [generation, setGeneration] = useState(0);
  useEffect(() => onSourceNamesChanged(() => setGeneration((g) => g + 1)), []);
  useEffect(() => {
    let live = true;
    setName('');
    if (s) void sourceName(s).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [s, generation]);
  return name;
}

export function SuggestionHoverCard({ info, isCurrent, labelById }: { info: GhostHoverInfo; isCurrent: boolean; labelById: Map<number, Label> }) {
  const { t, labelName } = useI18n();
  const s = info.suggestion;
  const name = useSourceName(s);
  const label = labelById.get(s.labelId);
  const top = info.rect.bottom + 8;
  const left = Math.min(info.rect.left, window.innerWidth - 320);
  return createPortal(
    <div className="hover-card suggestion-card" style={{ top, left }} role="tooltip" data-testid="suggestion-card">
      <div className="hover-card-row">
        <span className="label-dot" style={{ background: label?.color }} />
        <span className="hover-card-label">{label ? labelName(label) : '?'}</span>
        <span className="hover-card-text">{s.text.length > 40 ? `${s.text.slice(0, 40)}…` : s.text}</span>
      </div>
      <div className="hover-card-row suggestion-card-source">
        {t('suggest.card.source', { source: t(`suggest.source.${s.source}`), name: name ? ` · ${name}` : '' })}
        <span className="suggestion-card-confidence">{t('suggest.card.confidence', { value: Math.round(s.confidence * 100) })}</span>
      </div>
      <div className="hover-card-row hover-card-review">{t(isCurrent ? 'suggest.card.keys' : 'suggest.card.keysPick')}</div>
    </div>,
    document.body,
  );
}
