// Keyboard ways out of the reader: Tab steps through spans while the reader has focus, so Escape
// (with nothing left to clear) lets the next Tab move focus on as usual; F6 / Shift+F6 cycle the
// panes (document list, reader, side panel).

export type Pane = 'list' | 'reader' | 'panel';
const PANES: readonly Pane[] = ['list', 'reader', 'panel'];

/** Where each pane takes focus: its list, the reader text, the side panel's current tab. */
export const PANE_FOCUS: Record<Pane, string> = {
  list: '#doc-list',
  reader: '.reader-content',
  panel: '.right-panel [role="tab"][aria-selected="true"]',
};

export function currentPane(): Pane | null {
  const el = document.activeElement;
  if (!el) return null;
  if (el.closest('.doc-list')) return 'list';
  if (el.closest('.reader-pane')) return 'reader';
  if (el.closest('.right-panel')) return 'panel';
  return null;
}

/** The pane after (or before) the one with focus, skipping panes not on screen. */
export function cyclePane(direction: 1 | -1, focus: (pane: Pane) => void): void {
  const from = currentPane();
  let at = from === null ? (direction === 1 ? -1 : 0) : PANES.indexOf(from);
  for (let tried = 0; tried < PANES.length; tried++) {
    at = (at + direction + PANES.length) % PANES.length;
    const pane = PANES[at]!;
    if (document.querySelector(PANE_FOCUS[pane])) {
      focus(pane);
      return;
    }
  }
}

let released = false;
let listening = false;

/** After Escape in the reader: the next Tab leaves it instead of stepping to a span. */
export function releaseTab(): void {
  released = true;
  if (listening) return;
  listening = true;
  // Any other key, a click or focus moving elsewhere takes the reader's Tab back.
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Tab' && e.key !== 'Escape' && e.key !== 'Shift') released = false;
    },
    true,
  );
  window.addEventListener('pointerdown', () => (released = false), true);
  window.addEventListener('focusin', (e) => {
    if (!(e.target as Element | null)?.closest?.('.reader-content')) released = false;
  });
}

export const tabReleased = (): boolean => released;
