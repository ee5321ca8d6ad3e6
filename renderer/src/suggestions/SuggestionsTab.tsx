// The Suggestions tab's content, loaded when first shown (the reader paints before its code is evaluated).
import { lazy, Suspense } from 'react';
import type { DocSession } from '../state/docSession';

const SuggestionsPanel = lazy(() => import('./SuggestionsPanel').then((m) => ({ default: m.SuggestionsPanel })));

export function SuggestionsTab({ session }: { session: DocSession | null }) {
  return (
    <Suspense fallback={null}>
      <SuggestionsPanel session={session} />
    </Suspense>
  );
}
