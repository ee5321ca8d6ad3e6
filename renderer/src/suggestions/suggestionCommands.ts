// Keys for suggestions (#22): Tab / Shift+Tab step through spans and suggestions in text order
// (while the reader has focus), Enter accepts the current suggestion, Backspace rejects it,
// Shift+Enter accepts every suggestion of the document at or above the threshold.
import type { MutableRefObject } from 'react';
import type { Translate } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { Command } from '../state/commands';
import type { DocSession } from '../state/docSession';
import { existingSuggestions } from './suggestionState';

const THRESHOLD_KEY = 'biaozhu.suggestThreshold';
/** Opens the Suggestions panel in the side pane (it has no tab of its own). */
export const SUGGESTIONS_EVENT = 'biaozhu:suggestions';

/** The accept-all threshold, remembered across documents and restarts. */
export function acceptThreshold(): number {
  const v = Number(localStorage.getItem(THRESHOLD_KEY));
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : 0.9;
}

export function setAcceptThreshold(v: number): void {
  localStorage.setItem(THRESHOLD_KEY, String(Math.min(1, Math.max(0.05, v))));
}

interface Deps {
  t: Translate;
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null>;
  /** Tab is the reader's (focus in the text, not released by Escape). */
  tabInReader: () => boolean;
  notify: (message: string) => void;
  error: (message: string) => void;
}

export function suggestionCommands({ t, session, reader, tabInReader, notify, error }: Deps): Command[] {
  const state = () => existingSuggestions(session);
  const caret = (offset: number) => reader.current?.sel.set(offset, offset, false);
  const hasAny = () => (state()?.visible().length ?? 0) > 0;
  // Enter and Backspace mean this only with the keyboard in the text (the list opens documents with Enter).
  const inText = () => !!document.activeElement?.closest('.reader-content');
  const hasCurrent = () => state()?.currentSuggestion != null && session?.selectedId == null && inText();
  const failed = (e: unknown) => error(e instanceof Error ? e.message : String(e));
  return [
    {
      id: 'suggest:next',
      group: 'spans',
      title: t('suggest.cmd.next'),
      keys: ['Tab'],
      run: () => state()?.step(1, caret),
      enabled: () => hasAny() && tabInReader(),
      paletteHidden: true,
    },
    {
      id: 'suggest:prev',
      group: 'spans',
      title: t('suggest.cmd.prev'),
      keys: ['Shift+Tab'],
      run: () => state()?.step(-1, caret),
      enabled: () => hasAny() && tabInReader(),
      paletteHidden: true,
    },
    {
      id: 'suggest:accept',
      group: 'spans',
      title: t('suggest.cmd.accept'),
      keys: ['Enter'],
      run: () => void state()?.acceptCurrent().catch(failed),
      enabled: hasCurrent,
    },
    {
      id: 'suggest:reject',
      group: 'spans',
      title: t('suggest.cmd.reject'),
      keys: ['Backspace', 'Delete'],
      run: () => void state()?.rejectCurrent().catch(failed),
      enabled: hasCurrent,
    },
    {
      id: 'suggest:acceptAll',
      group: 'spans',
      title: t('suggest.cmd.acceptAll'),
      keys: ['Shift+Enter'],
      run: () => {
        const threshold = acceptThreshold();
        void state()
          ?.acceptAbove(threshold)
          .then((n) => notify(t('suggest.accepted', { count: n, threshold: Math.round(threshold * 100) })), failed);
      },
      enabled: () => hasAny() && inText(),
    },
  ];
}
