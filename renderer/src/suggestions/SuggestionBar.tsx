// A thin bar over the text, always there while a document is open (the text never jumps when suggestions arrive): how many suggestions the document has, the accept-all threshold and its
// button, and the current suggestion (Tab) with its label, source and confidence.
import { useEffect, useState } from 'react';
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { acceptThreshold, setAcceptThreshold, SUGGESTIONS_EVENT } from './suggestionCommands';
import { SuggestionHoverCard, useSourceName } from './SuggestionHoverCard';
import { suggestionsOf, type SuggestionState } from './suggestionState';
import './suggestions.css';

/** Re-renders when the suggestions change (fetched, stepped, accepted, rejected). */
export function useSuggestions(session: DocSession, labelById: Map<number, Label>): SuggestionState {
  const state = suggestionsOf(session, () => labelById);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = state.subscribe(() => setVersion(state.version));
    // A fetch answered between this render and the subscription emitted to nobody: catch up now.
    setVersion(state.version);
    return unsubscribe;
  }, [state]);
  return state;
}

export function SuggestionBar({ session, labelById }: { session: DocSession; labelById: Map<number, Label> }) {
  const { t, labelName } = useI18n();
  const toast = useToast();
  const state = useSuggestions(session, labelById);
  const [threshold, setThreshold] = useState(acceptThreshold);
  const visible = state.visible();
  const above = visible.filter((s) => s.confidence >= threshold).length;
  const pct = Math.round(threshold * 100);
  const current = state.currentSuggestion;
  const currentLabel = current ? labelById.get(current.labelId) : undefined;
  const currentSource = useSourceName(current);
  const hovered = state.hovered;
  const acceptAll = () =>
    void state.acceptAbove(threshold).then(
      (n) => toast.info(t('suggest.accepted', { count: n, threshold: pct })),
      (e) => toast.error(errorMessage(e)),
    );
  return (
    <div className="suggestion-bar" role="region" aria-label={t('suggest.bar')}>
      <span className="suggestion-count" data-testid="suggestion-count">
        {visible.length === 0 ? t('suggest.none') : t('suggest.count', { count: visible.length })}
      </span>
      {current ? (
        <span className="suggestion-current" data-testid="suggestion-current">
          <span className="label-dot" style={{ background: currentLabel?.color }} />
          {t('suggest.current', {
            text: current.text.length > 16 ? `${current.text.slice(0, 16)}…` : current.text,
            label: currentLabel ? labelName(currentLabel) : '?',
          })}
          <span className="suggestion-source">
            {t(`suggest.source.${current.source}`)}
            {currentSource && ` · ${currentSource}`} · {t('suggest.confidence', { value: Math.round(current.confidence * 100) })}
          </span>
        </span>
      ) : (
        <span className="suggestion-hint">{t('suggest.keysHint')}</span>
      )}
      <label className="suggestion-threshold">
        {t('suggest.threshold')}
        <input
          type="number"
          min={5}
          max={100}
          step={5}
          value={pct}
          onChange={(e) => {
            const v = Number(e.target.value) / 100;
            if (!Number.isFinite(v) || v <= 0 || v > 1) return;
            setAcceptThreshold(v);
            setThreshold(acceptThreshold());
          }}
        />
        %
      </label>
      <button type="button" className="button button-small" onClick={() => window.dispatchEvent(new Event(SUGGESTIONS_EVENT))}>
        {t('suggest.sourcesButton')}
      </button>
      <button type="button" className="button button-small" disabled={above === 0} onClick={acceptAll} title="Shift+Enter">
        {t('suggest.acceptAll', { count: above, threshold: pct })}
      </button>
      {hovered && <SuggestionHoverCard info={hovered} isCurrent={hovered.suggestion === current} labelById={labelById} />}
    </div>
  );
}
