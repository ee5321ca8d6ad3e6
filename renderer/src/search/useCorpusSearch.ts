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
/** A label-all batch changed spans (detail: document ids, or null for any): views of other documents' spans ask again. */
export const SPANS_CHANGED_EVENT = 'biaozhu:spans-changed';
/** Open the concordance of a mention (detail: MentionRequest), e.g. from the span detail. */
const SHOW_MENTION_EVENT = 'biaozhu:show-mention';

/** The occurrences of a mention in the concordance: only the unlabelled ones, or all. */
export interface MentionRequest {
  mention: string;
  unlabelledOnly: boolean;
  /** Only hits inside a span of this label (its key), e.g. a dashboard bar's. */
  label?: string;
}

/** Opens the corpus search panel on the mention's occurrences (the span detail sits outside the search's props). */
export function showMentionInCorpus(mention: string, unlabelledOnly: boolean, label?: string): void {
  window.dispatchEvent(new CustomEvent<MentionRequest>(SHOW_MENTION_EVENT, { detail: { mention, unlabelledOnly, label } }));
}

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

  const { mentionRequest, mentionHandled, showMention } = useMentionRequests(show);

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
    window.dispatchEvent(new CustomEvent(SPANS_CHANGED_EVENT, { detail: documentIds }));
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
      spanOccurrencesCommand(t, sessionRef, showMention),
    ],
    [t, mounted, show, showMention],
  );

  return { query, shown, mounted, mode, setMode, submit, close, openHit, spansChanged, mentionRequest, mentionHandled, commands };
}

/** Mentions asked for from outside the panel (showMentionInCorpus, the palette): the panel applies each to its options and query, then clears it. */
function useMentionRequests(show: (mode: SearchMode) => void) {
  const [mentionRequest, setMentionRequest] = useState<MentionRequest | null>(null);
  const showMention = useCallback(
    (request: MentionRequest) => {
      setMentionRequest(request);
      show('concordance');
      requestAnimationFrame(() => document.getElementById(SEARCH_BOX_ID)?.focus());
    },
    [show],
  );
  useEffect(() => {
    const listener = (e: Event) => showMention((e as CustomEvent<MentionRequest>).detail);
    window.addEventListener(SHOW_MENTION_EVENT, listener);
    return () => window.removeEventListener(SHOW_MENTION_EVENT, listener);
  }, [showMention]);
  const mentionHandled = useCallback(() => setMentionRequest(null), []);
  return { mentionRequest, mentionHandled, showMention };
}

/** The palette's way to the selected span's text across the corpus: every occurrence in the concordance. */
function spanOccurrencesCommand(t: Translate, sessionRef: MutableRefObject<DocSession | null>, showMention: (request: MentionRequest) => void): Command {
  const selectedText = () => {
    const open = sessionRef.current;
    const span = open?.selected;
    return open && span ? open.doc.text.slice(span.start, span.end) : null;
  };
  return {
    id: 'spanOccurrences',
    group: 'documents',
    title: t('cmd.spanOccurrences'),
    keys: [],
    enabled: () => selectedText() !== null,
    run: () => {
      const mention = selectedText();
      if (mention) showMention({ mention, unlabelledOnly: false });
    },
  };
}
