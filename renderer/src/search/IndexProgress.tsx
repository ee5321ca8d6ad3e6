// While the trigram index fills in the background (#21), searches stay exact but slower: a quiet
// line in the search panel says how far it is. It asks search:indexStatus when the panel is shown
// or a new search starts, then every second only while texts are pending — and asking is itself
// what keeps the core's indexer going (a search call kicks it).
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { indexProgressMessage, type IndexStatus } from './indexProgress';

const POLL_MS = 1000;

/**
 * The index's status while the panel is `shown` and texts are pending, else null. `recheck` changes
 * when a new search starts (an import since may have listed new texts as pending). A read-only
 * project is never indexed, so it is asked once, not polled.
 */
function useIndexStatus(shown: boolean, readOnly: boolean, recheck: unknown): IndexStatus | null {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  useEffect(() => {
    if (!shown) return;
    let stopped = false;
    let timer: number | undefined;
    const ask = async () => {
      const result = await api.call('search:indexStatus', {});
      if (stopped) return;
      // A failed call hides the line: it is a courtesy, never an error to show.
      const pending = result.ok && result.value.pending > 0 ? result.value : null;
      setStatus(pending);
      if (pending && !readOnly) timer = window.setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [shown, readOnly, recheck]);
  return shown ? status : null;
}

export function IndexProgress({ shown, recheck }: { shown: boolean; recheck: unknown }) {
  const { t, lang } = useI18n();
  const readOnly = Boolean(useAppState().project?.readOnly);
  const status = useIndexStatus(shown, readOnly, recheck);
  const message = status && indexProgressMessage(status, lang === 'zh' ? 'zh-CN' : 'en', readOnly);
  if (!message) return null;
  return (
    <p className="search-index-progress muted" role="status" data-testid="search-index-progress" title={t('search.indexHint')}>
      {t(message.key, message.vars)}
    </p>
  );
}
