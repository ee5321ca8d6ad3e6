// Text selection in global offsets, mirrored to the DOM selection, plus a drawn caret so the
// read-only text can be selected from the keyboard (Shift+arrows) as well as with the mouse.
import { splitsSurrogatePair } from '../../../shared/text/offsets';
import { domToOffset, offsetToDom } from './domOffsets';
import type { ReaderController } from './readerController';
import { unitAt } from './textModel';

export type Move = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

export interface SelectionCallbacks {
  onSelection: (range: { start: number; end: number } | null) => void;
  onSpanClick: (ids: number[], offset: number) => void;
  onHover: (hover: { ids: number[]; rect: DOMRect } | null) => void;
}

export class ReaderSelection {
  anchor = 0;
  focus = 0;
  wordSnap = false;
  private caretEl: HTMLElement | null = null;
  private dragging = false;
  /** Where the mouse button went down, in the text: the drag's start if the DOM loses it. */
  private press: { x: number; y: number; offset: number | null } | null = null;
  private hoverEl: HTMLElement | null = null;
  private disposers: (() => void)[] = [];
  /** Selections we set ourselves; the selectionchange they cause must not echo back. */
  private expectEcho = false;
  private caretFrame = 0;
  private notifyScheduled = false;
  private hoverTimer = 0;
  private hoverShown = false;

  constructor(
    private readonly ctl: ReaderController,
    private readonly cb: SelectionCallbacks,
  ) {}

  attach(content: HTMLElement): void {
    this.caretEl = document.createElement('div');
    this.caretEl.className = 'bz-caret';
    this.caretEl.setAttribute('aria-hidden', 'true');
    content.appendChild(this.caretEl);
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void) => {
      content.addEventListener(type, fn);
      this.disposers.push(() => content.removeEventListener(type, fn));
    };
    on('mousedown', (e) => {
      if (e.button !== 0) return;
      this.dragging = true;
      this.press = { x: e.clientX, y: e.clientY, offset: this.offsetAtPoint(e.clientX, e.clientY) };
    });
    on('mouseup', (e) => this.onMouseUp(e));
    on('mouseover', (e) => this.onHoverEvent(e));
    on('mouseleave', () => this.setHover(null));
    const onSelChange = () => {
      if (this.expectEcho) {
        this.expectEcho = false;
        return;
      }
      if (!this.dragging) this.syncFromDom(false);
    };
    document.addEventListener('selectionchange', onSelChange);
    this.disposers.push(() => document.removeEventListener('selectionchange', onSelChange));
    this.disposers.push(this.ctl.onBlockRendered(() => this.restoreAfterPatch()));
    this.drawCaret();
  }

  detach(): void {
    cancelAnimationFrame(this.caretFrame);
    window.clearTimeout(this.hoverTimer);
    for (const d of this.disposers) d();
    this.disposers = [];
    this.caretEl?.remove();
  }

  get range(): { start: number; end: number } | null {
    if (this.anchor === this.focus) return null;
    return { start: Math.min(this.anchor, this.focus), end: Math.max(this.anchor, this.focus) };
  }

  /** Sets the selection (collapsed when focus is omitted) and shows it. */
  set(anchor: number, focus = anchor, reveal = true): void {
    const max = this.ctl.model.text.length;
    this.anchor = clamp(anchor, 0, max);
    this.focus = clamp(focus, 0, max);
    this.applyToDom();
    if (reveal) this.ctl.scrollToOffset(this.focus);
    this.drawCaret();
    this.notify();
  }

  /** React hears about selection changes after the next frame, never inside a keypress. */
  private notify(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.notifyScheduled = false;
        if (this.caretEl?.isConnected) this.cb.onSelection(this.range);
      }, 24),
    );
  }

  collapse(): void {
    this.set(this.focus, this.focus, false);
  }

  move(kind: Move, extend: boolean): void {
    // Like a text field: an arrow without Shift first collapses a selection to the side it points to.
    const range = this.range;
    if (!extend && range && (kind === 'left' || kind === 'right')) {
      const edge = kind === 'left' ? range.start : range.end;
      this.set(edge, edge);
      return;
    }
    const next = this.target(kind);
    this.set(extend ? this.anchor : next, next);
  }

  redrawCaret(): void {
    this.drawCaret();
  }

  private target(kind: Move): number {
    const { model } = this.ctl;
    const f = this.focus;
    const unit = unitAt(model, f);
    const u = model.units[unit];
    switch (kind) {
      case 'home':
        return u.start;
      case 'end':
        return u.end;
      case 'left':
      case 'right': {
        const dir = kind === 'left' ? -1 : 1;
        if (this.wordSnap) {
          const w = this.ctl.words.step(unit, f, dir);
          if (w !== null) return w;
        }
        let next = f + dir;
        if (splitsSurrogatePair(model.text, next)) next += dir;
        return next;
      }
      case 'up':
      case 'down': {
        const rect = this.ctl.rangeRect(f);
        if (!rect) return f;
        const step = rect.height || 24;
        const y = kind === 'up' ? rect.top - step * 0.6 : rect.bottom + step * 0.6;
        const off = this.offsetAtPoint(rect.left + 1, y);
        if (off === null || off === f) return kind === 'up' ? Math.max(0, u.start - 1) : Math.min(model.text.length, u.end + 1);
        return off;
      }
    }
  }

  /**
   * A patched paragraph gets new text nodes, which collapses a DOM selection inside it (e.g. when the
   * server's id for a span arrives while the user has already selected the next words). The offsets
   * are the truth: put the DOM selection back before any selectionchange can report the broken one.
   */
  private restoreAfterPatch(): void {
    if (this.dragging || this.anchor === this.focus) return;
    if (!this.ctl.paragraphAt(this.anchor, false) || !this.ctl.paragraphAt(this.focus, false)) return;
    this.applyToDom();
  }

  private applyToDom(): void {
    const sel = window.getSelection();
    if (!sel) return;
    const pa = this.ctl.paragraphAt(this.anchor);
    const pf = this.ctl.paragraphAt(this.focus);
    if (!pa || !pf) return;
    const a = offsetToDom(pa, this.anchor);
    const f = offsetToDom(pf, this.focus);
    this.expectEcho = true;
    if (this.anchor === this.focus) sel.removeAllRanges();
    else sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
  }

  private syncFromDom(fromMouse: boolean): boolean {
    const content = this.ctl.content;
    const sel = window.getSelection();
    if (!content || !sel || !sel.anchorNode || !sel.focusNode) return false;
    const a = domToOffset(sel.anchorNode, sel.anchorOffset, content);
    const f = domToOffset(sel.focusNode, sel.focusOffset, content);
    if (a === null || f === null) return false;
    this.adopt(a, f, fromMouse);
    return true;
  }

  /** Takes a selection the user made (word-snapped when it came from the mouse). */
  private adopt(a: number, f: number, fromMouse: boolean): void {
    if (fromMouse && this.wordSnap && a !== f) {
      const fwd = f >= a;
      const [s, e] = fwd ? [a, f] : [f, a];
      const ss = this.ctl.words.snap(unitAt(this.ctl.model, s), s, -1);
      const ee = this.ctl.words.snap(unitAt(this.ctl.model, e), e, 1);
      this.set(fwd ? ss : ee, fwd ? ee : ss, false);
      return;
    }
    this.anchor = a;
    this.focus = f;
    this.drawCaret();
    this.notify();
  }

  private offsetAtPoint(x: number, y: number): number | null {
    const hit = caretFromPoint(x, y);
    return hit && this.ctl.content ? domToOffset(hit.node, hit.offset, this.ctl.content) : null;
  }

  private onMouseUp(e: MouseEvent): void {
    this.dragging = false;
    const press = this.press;
    this.press = null;
    const synced = this.syncFromDom(true);
    if (press?.offset != null && (!synced || this.anchor === this.focus) && Math.hypot(e.clientX - press.x, e.clientY - press.y) > 4) {
      // The paragraph was redrawn under the drag (a span saved just before it began): the browser's
      // selection lost its start. Rebuild it from where the drag began and ended.
      const end = this.offsetAtPoint(e.clientX, e.clientY);
      if (end !== null && end !== press.offset) {
        this.adopt(press.offset, end, true);
        return;
      }
    }
    if (!synced || this.anchor !== this.focus) return;
    const mark = (e.target as HTMLElement).closest?.('mark[data-ids]') as HTMLElement | null;
    if (mark) this.cb.onSpanClick(mark.dataset.ids!.split(' ').map(Number), this.focus);
  }

  private onHoverEvent(e: MouseEvent): void {
    const mark = (e.target as HTMLElement).closest?.('mark[data-ids]') as HTMLElement | null;
    this.setHover(mark);
  }

  /** The hover card waits for the pointer to rest, so sweeping over text costs nothing. */
  private setHover(mark: HTMLElement | null): void {
    if (mark === this.hoverEl) return;
    this.hoverEl = mark;
    window.clearTimeout(this.hoverTimer);
    if (!mark) {
      if (this.hoverShown) this.cb.onHover(null);
      this.hoverShown = false;
      return;
    }
    this.hoverTimer = window.setTimeout(() => {
      if (this.hoverEl !== mark || !mark.isConnected || this.dragging) return;
      this.hoverShown = true;
      this.cb.onHover({ ids: mark.dataset.ids!.split(' ').map(Number), rect: mark.getBoundingClientRect() });
    }, 350);
  }

  /** Caret geometry needs layout; doing it in the next frame keeps keypress handlers layout-free. */
  private drawCaret(): void {
    if (this.caretFrame) return;
    this.caretFrame = requestAnimationFrame(() => {
      this.caretFrame = 0;
      this.drawCaretNow();
    });
  }

  private drawCaretNow(): void {
    const caret = this.caretEl;
    const content = this.ctl.content;
    if (!caret || !content) return;
    const rect = this.ctl.editors.isRendered(this.ctl.model.unitBlock[unitAt(this.ctl.model, this.focus)]) ? this.ctl.rangeRect(this.focus) : null;
    if (!rect) {
      caret.style.display = 'none';
      return;
    }
    const box = content.getBoundingClientRect();
    caret.style.display = 'block';
    caret.style.transform = `translate(${rect.left - box.left}px, ${rect.top - box.top}px)`;
    caret.style.height = `${rect.height || 24}px`;
    // Restart the blink so the caret is visible right after it moves.
    caret.classList.remove('blink');
    void caret.offsetWidth;
    caret.classList.add('blink');
  }
}

function clamp(n: number, lo: number, hi: number) {
  return Math.max(lo, Math.min(hi, n));
}

export function caretFromPoint(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
