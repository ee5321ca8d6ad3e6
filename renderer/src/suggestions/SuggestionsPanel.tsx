// The Suggestions tab (#22): each source on or off with its count in the open document, the
// learned tagger's state with a Train button, the patterns and gazetteers (enable / disable).
import { useCallback, useEffect, useState } from 'react';
import { SUGGESTION_SOURCES, type Gazetteer, type ModelStatus, type Pattern } from '../../../shared/api/suggestions';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { useSuggestions } from './SuggestionBar';
import { existingSuggestions } from './suggestionState';
import './suggestions.css';

export function SuggestionsPanel({ session }: { session: DocSession | null }) {
  const { t } = useI18n();
  // A pattern or gazetteer switched on or off changes what the open document is offered.
  const changed = () => void existingSuggestions(session)?.refresh();
  return (
    <div className="suggest-panel">
      {session ? <SourceToggles session={session} /> : <p className="suggest-muted">{t('suggest.noDocument')}</p>}
      <ModelSection />
      <PatternList changed={changed} />
      <GazetteerList changed={changed} />
    </div>
  );
}

function SourceToggles({ session }: { session: DocSession }) {
  const { t } = useI18n();
  const app = useAppState();
  const state = useSuggestions(session, app.labelById);
  const counts = new Map<string, number>();
  for (const s of state.list) counts.set(s.source, (counts.get(s.source) ?? 0) + 1);
  return (
    <section aria-labelledby="suggest-sources">
      <h3 id="suggest-sources">{t('suggest.sources')}</h3>
      {SUGGESTION_SOURCES.map((source) => (
        <label key={source} className="suggest-row">
          <input type="checkbox" checked={!state.hidden.has(source)} onChange={(e) => state.setSourceShown(source, e.target.checked)} />
          {t(`suggest.source.${source}`)}
          <span className="suggest-count" data-testid={`suggest-count-${source}`}>
            {counts.get(source) ?? 0}
          </span>
        </label>
      ))}
    </section>
  );
}

function ModelSection() {
  const { t } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<ModelStatus | null>(null);
  const load = useCallback(() => callOrThrow('model:status', {}).then(setStatus, () => setStatus(null)), []);
  useEffect(() => {
    void load();
  }, [load]);
  // While training, ask again now and then for its progress.
  useEffect(() => {
    if (status?.state !== 'training') return;
    const timer = window.setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [status?.state, load]);
  const train = () => void callOrThrow('model:train', {}).then(setStatus, (e) => toast.error(errorMessage(e)));
  const progress = status?.progress != null ? `${Math.round(status.progress * 100)}%` : '';
  return (
    <section aria-labelledby="suggest-model">
      <h3 id="suggest-model">{t('suggest.model')}</h3>
      <p className="suggest-row" data-testid="model-state">
        {status?.state === 'training'
          ? t('suggest.model.training', { progress })
          : status?.state === 'ready'
            ? t('suggest.model.ready')
            : status?.state === 'stale'
              ? t('suggest.model.stale')
              : t('suggest.model.none')}
      </p>
      {status?.trainedOn && <p className="suggest-muted">{t('suggest.model.trainedOn', status.trainedOn)}</p>}
      <button type="button" className="button button-small" disabled={status?.state === 'training'} onClick={train}>
        {t('suggest.model.train')}
      </button>
    </section>
  );
}

function PatternList({ changed }: { changed: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [patterns, setPatterns] = useState<Pattern[]>([]);
  useEffect(() => {
    void callOrThrow('patterns:list', {}).then(setPatterns, () => setPatterns([]));
  }, []);
  const toggle = (p: Pattern, enabled: boolean) =>
    void callOrThrow('patterns:update', { id: p.id, changes: { enabled } }).then(
      (updated) => {
        setPatterns((list) => list.map((x) => (x.id === updated.id ? updated : x)));
        changed();
      },
      (e) => toast.error(errorMessage(e)),
    );
  return (
    <section aria-labelledby="suggest-patterns">
      <h3 id="suggest-patterns">{t('suggest.patterns')}</h3>
      {patterns.map((p) => (
        <label key={p.id} className="suggest-row" title={p.regex}>
          <input type="checkbox" checked={p.enabled} onChange={(e) => toggle(p, e.target.checked)} />
          {p.name}
          <span className="suggest-regex">{p.labelKey}</span>
          {p.builtIn && <span className="suggest-muted">{t('suggest.builtIn')}</span>}
        </label>
      ))}
    </section>
  );
}

function GazetteerList({ changed }: { changed: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [list, setList] = useState<Gazetteer[]>([]);
  useEffect(() => {
    void callOrThrow('gazetteers:list', {}).then(setList, () => setList([]));
  }, []);
  const toggle = (g: Gazetteer, enabled: boolean) =>
    void callOrThrow('gazetteers:update', { id: g.id, enabled }).then(
      (updated) => {
        setList((l) => l.map((x) => (x.id === updated.id ? updated : x)));
        changed();
      },
      (e) => toast.error(errorMessage(e)),
    );
  return (
    <section aria-labelledby="suggest-gazetteers">
      <h3 id="suggest-gazetteers">{t('suggest.gazetteers')}</h3>
      {list.length === 0 && <p className="suggest-muted">{t('suggest.gazetteers.none')}</p>}
      {list.map((g) => (
        <label key={g.id} className="suggest-row">
          <input type="checkbox" checked={g.enabled} onChange={(e) => toggle(g, e.target.checked)} />
          {g.name}
          <span className="suggest-count">{t('suggest.terms', { count: g.terms })}</span>
        </label>
      ))}
    </section>
  );
}
