import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { consistency } from '../search/consistency';
import { labelAll, previewLabelAll, redoLabelAll, undoLabelAll } from '../search/label-all';
import { concordanceFile, searchCounts, searchHits } from '../search/service';

export function registerSearchHandlers(registry: HandlerRegistry, { session }: Pick<CoreContext, 'session'>): void {
  registry.method('search:hits', (input) => searchHits(session.requireDb(), input));
  registry.method('search:counts', (input) => searchCounts(session.requireDb(), input));
  registry.method('search:concordanceFile', (input) => concordanceFile(session.requireDb(), input));
  registry.method('search:labelPreview', (input) => previewLabelAll(session.requireDb(), input, session.annotator()));
  registry.method('search:labelAll', (input) => labelAll(session.requireWritableDb(), input, session.annotator()));
  registry.method('search:undoLabelAll', ({ batchId }) => undoLabelAll(session.requireWritableDb(), batchId));
  registry.method('search:redoLabelAll', ({ batchId }) => redoLabelAll(session.requireWritableDb(), batchId));
  registry.method('search:consistency', (input) => consistency(session.requireDb(), input));
}
