// Adjudicate mode (#20): the open document's disagreement units between its coders, one at a time,
// each coder's spans side by side; a choice (keys 1..9, B, 0) is decided with Enter into the gold
// layer (coder 'gold'), and the next undecided unit follows. Spans every coder has go into gold
// when the mode opens (adjudication:acceptAgreed). Keys act while focus is in the panel, so they
// never reach the workbench's label keys.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { GOLD_ANNOTATOR, type AdjudicationChoice, type DocumentAdjudication } from '../../../shared/api/adjudication';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { coderColor } from '../reader/coderColors';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';

/** The coders of the open document (mine and the others'), the gold layer left out. */
export function documentCoders(session: DocSession, me: string): string[] {
  const names = session.otherCoders().map((c) => c.name);
  if (session.anns.size > 0) names.push(me);
  return [...new Set(names)].filter((n) => n !== GOLD_ANNOTATOR).sort();
}

const choiceKey = (c: AdjudicationChoice): string => (c.kind === 'coder' ? `coder:${c.coder}` : c.kind);

export function AdjudicationPanel({ session, close }: { session: DocSession; close: () => void }) {
  const { t, labelName } = useI18n();
  const { project, labelById } = useAppState();
  const coders = useMemo(() => documentCoders(session, project?.annotator ?? '').slice(0, 9), [session, project?.annotator]);
  const documentId = session.doc.id;
  const [state, setState] = useState<DocumentAdjudication | null>(null);
  const [index, setIndex] = useState(0);
  const [choice, setChoice] = useState<AdjudicationChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (coders.length < 2) return;
    let live = true;
    void (async () => {
      const accepted = await api.call('adjudication:acceptAgreed', { documentId, coders });
      const listed = accepted.ok ? await api.call('adjudication:disagreements', { documentId, coders }) : accepted;
      if (!live) return;
      if (!listed.ok) return setError(listed.error.message);
      setState(listed.value);
      const firstOpen = listed.value.units.findIndex((u) => u.decision === null);
      setIndex(firstOpen < 0 ? 0 : firstOpen);
    })();
    return () => {
      live = false;
    };
  }, [documentId, coders]);

  // The keys act in the panel: focus it once its units are shown (the loading note has no keys).
  const loaded = state !== null;
  useEffect(() => {
    if (loaded) root.current?.focus();
  }, [loaded]);

  const unit = state?.units[index] ?? null;
  useEffect(() => setChoice(null), [index, unit?.start, unit?.end]);

  const decide = useCallback(async () => {
    if (!unit || !choice) return;
    const result = await api.call('adjudication:decide', { documentId, coders, start: unit.start, end: unit.end, choice });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setState(result.value);
    const units = result.value.units;
    const next = units.findIndex((u, i) => i > index && u.decision === null);
    const anyOpen = units.findIndex((u) => u.decision === null);
    setIndex(next >= 0 ? next : anyOpen >= 0 ? anyOpen : index);
    setChoice(null);
  }, [unit, choice, documentId, coders, index]);

  if (coders.length < 2) return <p className="empty-note">{t('adjudication.fewCoders')}</p>;
  if (error && !state)
    return (
      <p className="empty-note" role="alert">
        {error}
      </p>
    );
  if (!state) return <p className="empty-note">{t('common.loading')}</p>;

  const total = state.units.length;
  const onKey = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || total === 0) return;
    let handled = true;
    const digit = /^Digit([0-9])$/.exec(e.code)?.[1];
    if (e.code === 'KeyN') setIndex((i) => (e.shiftKey ? (i + total - 1) % total : (i + 1) % total));
    else if (digit === '0') setChoice({ kind: 'none' });
    else if (digit && Number(digit) <= coders.length) setChoice({ kind: 'coder', coder: coders[Number(digit) - 1] });
    else if (e.code === 'KeyB') setChoice({ kind: 'all' });
    else if (e.key === 'Enter') void decide();
    else if (e.key === 'Escape') close();
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  const chosen = choice ? choiceKey(choice) : null;
  const spanLine = (s: { start: number; end: number; labelId: number; text: string }) => {
    const label = labelById.get(s.labelId);
    return (
      <li key={`${s.start}:${s.end}:${s.labelId}`} className="adjudication-span">
        <span className="label-dot" style={{ background: label?.color }} aria-hidden="true" /> 「{s.text}」 {label ? labelName(label) : s.labelId}{' '}
        <span className="agreement-note">
          [{s.start}, {s.end})
        </span>
      </li>
    );
  };

  return (
    <div ref={root} className="agreement adjudication" data-testid="adjudication" tabIndex={0} onKeyDown={onKey} aria-label={t('adjudication.title')}>
      <div className="agreement-head">
        <strong>{t('adjudication.title')}</strong>
        <span data-testid="adjudication-progress" aria-live="polite">
          {t('adjudication.progress', { decided: state.progress.decided, total })}
        </span>
        <button type="button" className="button button-small" onClick={close}>
          {t('adjudication.close')}
        </button>
      </div>
      <p className="agreement-note">{t('adjudication.agreed', { n: state.agreed, gold: state.agreedInGold })}</p>
      <p className="agreement-note">{t('adjudication.keys')}</p>
      {!unit ? (
        <p className="empty-note" data-testid="adjudication-none">
          {t('adjudication.noUnits')}
        </p>
      ) : (
        <section className="agreement-section" data-testid="adjudication-unit" data-start={unit.start} data-end={unit.end}>
          <p>
            {t('adjudication.unit', { n: index + 1, total })}{' '}
            <span className="agreement-note">
              [{unit.start}, {unit.end})
            </span>{' '}
            {unit.decision ? <span data-testid="adjudication-decided">{t('adjudication.decided', { choice: unit.decision.choice })}</span> : null}
          </p>
          <blockquote className="adjudication-text" style={{ margin: '4px 0 8px', padding: '4px 8px', borderLeft: '3px solid var(--border, #ccc)' }}>
            {unit.text}
          </blockquote>
          <ol className="adjudication-coders" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 6 }}>
            {unit.coders.map(({ coder, spans }, i) => (
              <li key={coder}>
                <button
                  type="button"
                  className={`toggle-button${chosen === `coder:${coder}` ? ' is-on' : ''}`}
                  aria-pressed={chosen === `coder:${coder}`}
                  onClick={() => setChoice({ kind: 'coder', coder })}
                >
                  <span className="coder-swatch" style={{ borderColor: coderColor(coder) }} aria-hidden="true" />
                  {i + 1} · {coder}
                </button>
                <ul style={{ listStyle: 'none', margin: '2px 0 0', paddingLeft: 12 }}>
                  {spans.length ? spans.map(spanLine) : <li className="agreement-note">{t('adjudication.noSpan')}</li>}
                </ul>
              </li>
            ))}
          </ol>
          <div className="agreement-head">
            <button
              type="button"
              className={`toggle-button${chosen === 'all' ? ' is-on' : ''}`}
              aria-pressed={chosen === 'all'}
              onClick={() => setChoice({ kind: 'all' })}
            >
              B · {t('adjudication.both')}
            </button>
            <button
              type="button"
              className={`toggle-button${chosen === 'none' ? ' is-on' : ''}`}
              aria-pressed={chosen === 'none'}
              onClick={() => setChoice({ kind: 'none' })}
            >
              0 · {t('adjudication.neither')}
            </button>
            <button type="button" className="button button-small button-primary" disabled={!choice} onClick={() => void decide()}>
              ↵ {t('adjudication.accept')}
            </button>
          </div>
          {unit.gold.length > 0 && (
            <>
              <p>{t('adjudication.gold')}</p>
              <ul data-testid="adjudication-gold" style={{ listStyle: 'none', margin: 0, paddingLeft: 12 }}>
                {unit.gold.map(spanLine)}
              </ul>
            </>
          )}
        </section>
      )}
      {error && (
        <p className="empty-note" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
