// Ghost spans are CSS highlights, not elements: no mouseover tells which one is under the pointer.
// When the pointer rests (as the span hover card waits), the text offset under it is looked up
// among the drawn suggestions and the card is shown under that suggestion's characters.
import type { Suggestion } from '../../../shared/api/suggestions';
import { domToOffset, rangeInParagraph } from '../reader/domOffsets';
import type { ReaderController } from '../reader/readerController';
import { caretFromPoint } from '../reader/readerSelection';

/** As long as the span hover card waits: sweeping over text costs nothing. */
const REST_MS = 350;

export interface GhostHoverInfo {
  suggestion: Suggestion;
  rect: DOMRect;
}

export class GhostHover {
  info: GhostHoverInfo | null = null;
  private timer = 0;
  private rects: DOMRect[] = [];
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly view: ReaderController,
    private readonly drawn: () => Suggestion[],
    private readonly changed: () => void,
    /** A click on a ghost span (not a drag): it becomes the current suggestion, for Enter and Backspace. */
    private readonly picked: (s: Suggestion) => void,
  ) {
    const content = view.content;
    const scroller = view.scroller;
    if (!content || !scroller) return;
    const onMove = (e: MouseEvent) => this.moved(e.clientX, e.clientY, e.buttons !== 0);
    const hide = () => this.set(null);
    const onClick = (e: MouseEvent) => {
      if (e.button !== 0 || !document.getSelection()?.isCollapsed) return;
      const found = this.at(e.clientX, e.clientY);
      if (!found) return;
      this.picked(found.suggestion);
      // The press hid the card; it comes back at once, now saying which keys act on it.
      this.rects = found.rects;
      this.set({ suggestion: found.suggestion, rect: found.rects.find((r) => inside(r, e.clientX, e.clientY))! });
    };
    content.addEventListener('mousemove', onMove, { passive: true });
    content.addEventListener('mouseleave', hide);
    content.addEventListener('mousedown', hide);
    content.addEventListener('click', onClick);
    scroller.addEventListener('scroll', hide, { passive: true });
    this.disposers.push(() => {
      content.removeEventListener('mousemove', onMove);
      content.removeEventListener('mouseleave', hide);
      content.removeEventListener('mousedown', hide);
      content.removeEventListener('click', onClick);
      scroller.removeEventListener('scroll', hide);
    });
  }

  dispose(): void {
    window.clearTimeout(this.timer);
    for (const d of this.disposers) d();
    this.info = null;
  }

  /** The drawn suggestions changed (accepted, rejected, fetched): a card over one that went is hidden. */
  recheck(): void {
    if (this.info && !this.drawn().includes(this.info.suggestion)) this.set(null);
  }

  private moved(x: number, y: number, dragging: boolean): void {
    window.clearTimeout(this.timer);
    if (this.info && !this.rects.some((r) => inside(r, x, y))) this.set(null);
    if (dragging) return;
    this.timer = window.setTimeout(() => this.rest(x, y), REST_MS);
  }

  private rest(x: number, y: number): void {
    // Over a span (another coder's, under which a suggestion may lie) the span's own card shows: one card at a time.
    if (document.elementFromPoint(x, y)?.closest('mark')) return;
    const found = this.at(x, y);
    if (!found || this.info?.suggestion === found.suggestion) return;
    this.rects = found.rects;
    this.set({ suggestion: found.suggestion, rect: found.rects.find((r) => inside(r, x, y))! });
  }

  /** The drawn suggestion under a point, with the boxes of its characters. */
  private at(x: number, y: number): { suggestion: Suggestion; rects: DOMRect[] } | null {
    const content = this.view.content;
    const hit = caretFromPoint(x, y);
    if (!content || !hit) return null;
    const offset = domToOffset(hit.node, hit.offset, content);
    if (offset === null) return null;
    // The caret offset is a boundary: the character under the pointer is just before or after it.
    for (const s of this.drawn()) {
      if (s.start > offset || s.end < offset) continue;
      const rects = this.rectsOf(s);
      if (rects.some((r) => inside(r, x, y))) return { suggestion: s, rects };
    }
    return null;
  }

  private rectsOf(s: Suggestion): DOMRect[] {
    const p = this.view.paragraphAt(s.start, false);
    const end = Math.min(s.end, Number(p?.dataset.start ?? 0) + (p?.textContent?.length ?? 0));
    return p && end > s.start ? [...rangeInParagraph(p, s.start, end).getClientRects()] : [];
  }

  private set(info: GhostHoverInfo | null): void {
    if (info === this.info) return;
    this.info = info;
    if (!info) this.rects = [];
    this.changed();
  }
}

const inside = (r: DOMRect, x: number, y: number) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
