// The Suggestions panel (#22): each source on or off with its count in the open document,
// pre-annotation of many documents, the learned tagger's state with a Train button, the patterns
// (edited and tested on the open document) and the gazetteers (imported, enabled, removed).
import { useCallback, useEffect, useState, type MutableRefObject } from 'react';
import { SUGGESTION_SOURCES, type ModelStatus } from '../../../shared/api/suggestions';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import { SPANS_CHANGED_EVENT } from '../search/useCorpusSearch';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { errorMessage, useToast } from '../state/toasts';
import { GazetteerSection } from './GazetteerSection';
import { PatternSection } from './PatternSection';
import { PreannotateDialog } from './PreannotateDialog';
import { useSuggestions } from './SuggestionBar';
import { existingSuggestions } from './suggestionState';
import './suggestions.css';

export function SuggestionsPanel({ session, reader }: { session: DocSession | null; reader: MutableRefObject<ReaderHandle | null> | null }) {
  const { t } = useI18n();
  const app = useAppState();
  const readOnly = !!app.project?.readOnly;
  const [preannotating, setPreannotating] = useState(false);
  // A pattern or gazetteer changed, switched on or off: what the open document is offered changes.
  const changed = () => void existingSuggestions(session)?.refresh();
  return (
    <div className="suggest-panel">
      {session ? <SourceToggles session={session} /> : <p className="suggest-muted">{t('suggest.noDocument')}</p>}
      <button type="button" className="button" disabled={readOnly} onClick={() => setPreannotating(true)}>
        {t('suggest.pre.button')}
      </button>
      <ModelSection />
      <PatternSection session={session} reader={reader} changed={changed} />
      <GazetteerSection changed={changed} readOnly={readOnly} />
      {preannotating && (
        <PreannotateDialog
          session={session}
          onDone={() => {
            // The open document's new spans show at once, and its suggestions follow them; views of
            // other documents' spans (the concordance, a mention's counts) ask again.
            void session?.resync().then(changed);
            window.dispatchEvent(new CustomEvent(SPANS_CHANGED_EVENT, { detail: null }));
          }}
          onClose={() => setPreannotating(false)}
        />
      )}
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
