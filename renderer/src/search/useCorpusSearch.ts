// The workbench's side of corpus search: the query from the top bar, whether the results panel is
// shown, opening a hit in the reader with the hit selected, and reloading the open document's spans
// when a label-all batch changed them.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { SearchHit } from '../../../shared/api/search';
import type { Translate } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { Command } from '../state/commands';
import type { DocSession } from '../state/docSession';

export const SEARCH_BOX_ID = 'corpus-search';

interface Deps {
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null>;
  openDoc: (id: number) => Promise<void>;
  t: Translate;
}

export type CorpusSearch = ReturnType<typeof useCorpusSearch>;
/** The panel shows the concordance of a query, or the consistency of labelled mentions. */
export type SearchMode = 'concordance' | 'consistency';

export function useCorpusSearch({ session, reader, openDoc, t }: Deps) {
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(false);
  const [mode, setMode] = useState<SearchMode>('concordance');
  // Mounted from the first search on, then only hidden: the concordance keeps its place and pages.
  const [mounted, setMounted] = useState(false);
  const pendingHit = useRef<SearchHit | null>(null);

  const show = useCallback((next: SearchMode) => {
    setMode(next);
    setMounted(true);
    setShown(true);
  }, []);
  const submit = useCallback(
    (text: string) => {
      setQuery(text);
      show('concordance');
    },
    [show],
  );
  const close = useCallback(() => {
    setShown(false);
    requestAnimationFrame(() => (document.querySelector('.reader-content') as HTMLElement | null)?.focus());
  }, []);

  const openHit = useCallback(
    (hit: SearchHit) => {
      pendingHit.current = hit;
      setShown(false);
      void openDoc(hit.documentId);
    },
    [openDoc],
  );

  // The hit's document is open (its reader mounted before this effect runs): select the hit.
  useEffect(() => {
    const hit = pendingHit.current;
    if (!hit || session?.doc.id !== hit.documentId) return;
    pendingHit.current = null;
    const handle = reader.current;
    if (!handle) return;
    handle.sel.set(hit.start, hit.end);
    handle.ctl.scrollToOffset(hit.start, 'center');
    (document.querySelector('.reader-content') as HTMLElement | null)?.focus({ preventScroll: true });
  }, [session, reader]);

  const sessionRef = useRef(session);
  sessionRef.current = session;
  /** A label-all batch changed spans in these documents (null: any): the open one shows them at once. */
  const spansChanged = useCallback((documentIds: number[] | null) => {
    const open = sessionRef.current;
    if (open && (documentIds === null || documentIds.includes(open.doc.id))) void open.resync();
  }, []);

  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'searchCorpus',
        group: 'documents',
        title: t('cmd.searchCorpus'),
        keys: ['Mod+Shift+f'],
        global: true,
        run: () => {
          if (mounted) setShown(true);
          const box = document.getElementById(SEARCH_BOX_ID) as HTMLInputElement | null;
          box?.focus();
          box?.select();
        },
      },
      { id: 'searchConsistency', group: 'documents', title: t('cmd.consistency'), keys: [], run: () => show('consistency') },
    ],
    [t, mounted, show],
  );

  return { query, shown, mounted, mode, setMode, submit, close, openHit, spansChanged, commands };
}
