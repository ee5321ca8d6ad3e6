// The Suggestions tab's content, loaded when first shown (the reader paints before its code is evaluated).
import { lazy, Suspense, type MutableRefObject } from 'react';
import type { ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';

const SuggestionsPanel = lazy(() => import('./SuggestionsPanel').then((m) => ({ default: m.SuggestionsPanel })));

export function SuggestionsTab({ session, reader }: { session: DocSession | null; reader?: MutableRefObject<ReaderHandle | null> }) {
  return (
    <Suspense fallback={null}>
      <SuggestionsPanel session={session} reader={reader ?? null} />
    </Suspense>
  );
}
