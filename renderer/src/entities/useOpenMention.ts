// Opening an entity's mention from the panel (#23): its document opens in the reader (if it is not
// the open one) and the span is selected and scrolled to once the reader has it.
import { useCallback, useEffect, useRef } from 'react';
import type { DocSession } from '../state/docSession';
import type { MentionTarget } from './EntityDetail';

/** How long to wait for the reader to mount the opened document before giving up on selecting. */
const WAIT_FRAMES = 120;

export function useOpenMention(session: DocSession | null, openDocument: (id: number) => void): (m: MentionTarget) => void {
  const pending = useRef<MentionTarget | null>(null);
  const select = useCallback((s: DocSession, m: MentionTarget) => {
    let frames = 0;
    const attempt = () => {
      // The reader mounts a frame or two after the session: select once it draws this document.
      if (!s.view && frames++ < WAIT_FRAMES) return void requestAnimationFrame(attempt);
      s.select(m.annotationId, false);
      s.view?.scrollToOffset(m.start, 'center');
    };
    attempt();
  }, []);
  useEffect(() => {
    const m = pending.current;
    if (session && m && session.doc.id === m.documentId) {
      pending.current = null;
      select(session, m);
    }
  }, [session, select]);
  return useCallback(
    (m: MentionTarget) => {
      if (session?.doc.id === m.documentId) return select(session, m);
      pending.current = m;
      openDocument(m.documentId);
    },
    [session, openDocument, select],
  );
}
