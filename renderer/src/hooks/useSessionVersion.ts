// Re-renders panels when the session changes, as a transition: the reader has already painted the
// change itself, so the span list and side panel may follow a frame later without slowing keys.
import { startTransition, useEffect, useState } from 'react';
import type { DocSession } from '../state/docSession';

export function useSessionVersion(session: DocSession | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!session) return;
    setVersion(session.version);
    return session.subscribe(() => startTransition(() => setVersion(session.version)));
  }, [session]);
  return version;
}
