// The imperative heart of the reader: owns the block placeholders, renders blocks as they near the
// viewport (IntersectionObserver), patches them when spans change, and maps offsets to DOM.
// React renders the chrome around it; nothing here re-renders React on a keypress.
import type { Annotation, ImportWarning, Label } from '../../../shared/model';
import { BlockEditors } from './blockEditors';
import { offsetToDom } from './domOffsets';
import { HighlightLayer, type TextRange } from './highlights';
import type { PaintSource } from './painter';
import { SpanIndex } from './spanIndex';
import { buildTextModel, estimateBlockHeight, unitAt, unitsInRange, type TextModel } from './textModel';
import { WordBoundaries } from './wordSegments';

export interface ReaderDeps {
  labels: () => Map<number, Label>;
  selectedId: () => number | null;
  warnings: ImportWarning[];
  /** Another coder's span: their colour (drawn read-only); null or absent for my spans. */
  foreignColor?: (id: number) => string | null;
}

export type SpanChange = { before?: Annotation | null; after?: Annotation | null };

const MARGIN_PX = 1400;
/** Extra pixels around the viewport that must be rendered before a frame is painted. */
const NEAR_PX = 200;

interface TextGeometry {
  fontPx: number;
  lineHeight: number;
  perLine: number;
}

export class ReaderController {
  readonly model: TextModel;
  readonly index: SpanIndex;
  readonly words: WordBoundaries;
  readonly editors: BlockEditors;
  scroller: HTMLElement | null = null;
  content: HTMLElement | null = null;
  private blockEls: HTMLElement[] = [];
  private io: IntersectionObserver | null = null;
  private layers: HighlightLayer[] = [];
  find!: HighlightLayer;
  findCurrent!: HighlightLayer;
  /** The disagreement unit being adjudicated. */
  unitMark!: HighlightLayer;
  private warningRanges: TextRange[];
  private readonly renderListeners = new Set<(block: number) => void>();
  /** Blocks inside the observer's margin, not rendered yet, waiting for their turn. */
  private readonly queued = new Set<number>();
  private renderFrame = 0;
  private renderTimer = 0;

  constructor(
    text: string,
    annotations: Iterable<Annotation>,
    private readonly deps: ReaderDeps,
  ) {
    this.model = buildTextModel(text);
    this.index = new SpanIndex(this.model, annotations);
    this.words = new WordBoundaries(this.model);
    const paint: PaintSource = {
      span: (id) => this.index.spans.get(id),
      label: (id) => deps.labels().get(id),
      lane: (id) => this.index.lane(id),
      foreign: (id) => deps.foreignColor?.(id) ?? null,
      get selectedId() {
        return deps.selectedId();
      },
    };
    this.editors = new BlockEditors(this.model, this.index, paint, (b) => this.afterRender(b));
    this.warningRanges = deps.warnings
      .filter((w) => w.kind === 'mojibake' && w.start !== undefined && w.end !== undefined && w.end > w.start)
      .map((w) => ({ start: w.start!, end: w.end! }))
      .sort((a, b) => a.start - b.start);
  }

  /** Builds placeholders and synchronously renders the blocks the first screen needs. */
  mount(scroller: HTMLElement, content: HTMLElement): void {
    this.scroller = scroller;
    this.content = content;
    const para = (u: number) => this.paragraph(u, false);
    this.find = new HighlightLayer('bz-find', this.model, para, 1);
    this.findCurrent = new HighlightLayer('bz-find-current', this.model, para, 2);
    const warning = new HighlightLayer('bz-warning', this.model, para, 0);
    this.unitMark = new HighlightLayer('bz-unit', this.model, para, 0);
    this.layers = [this.find, this.findCurrent, warning, this.unitMark];
    // Read the geometry before the placeholders go in: one layout of the page as React left it,
    // instead of one forced after each change (each a layout of every placeholder).
    const geometry = this.textGeometry();
    const budget = scroller.clientHeight + NEAR_PX;
    const frag = document.createDocumentFragment();
    this.blockEls = this.model.blocks.map((b) => {
      const el = document.createElement('div');
      el.className = 'bz-block';
      el.dataset.block = String(b.index);
      const root = document.createElement('div');
      root.className = 'bz-block-root';
      el.appendChild(root);
      frag.appendChild(el);
      return el;
    });
    this.estimateHeights(geometry);
    content.appendChild(frag);
    // Enough blocks for the first screen by their estimated heights (estimates run short for CJK
    // text, so this errs on rendering more), without reading layout between renders.
    let height = 0;
    for (let b = 0; b < this.blockEls.length && height < budget; b++) {
      height += parseFloat(this.blockEls[b].style.minHeight) || 0;
      this.renderBlock(b);
    }
    warning.set(this.warningRanges, this.editors.renderedBlocks());
    // Blocks entering the wide margin are queued and rendered one per frame, each in the task
    // right after a frame is painted, so scrolling never waits for a batch of them; a block that reaches the viewport
    // before its slice is rendered in the scroll event, before that frame is painted.
    this.io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const block = Number((e.target as HTMLElement).dataset.block);
          if (e.isIntersecting) this.queued.add(block);
          else this.queued.delete(block);
        }
        this.renderInView();
        this.scheduleRender();
      },
      { root: scroller, rootMargin: `${MARGIN_PX}px 0px` },
    );
    for (const el of this.blockEls) this.io.observe(el);
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /**
   * Runs the add-a-span path once on a throwaway span while the user is still reading, so the
   * first real keypress does not pay for compiling it. Add and remove happen in one task: never painted.
   */
  warmUp(labelId: number): void {
    const unit = this.model.units.findIndex((u, i) => u.end > u.start && this.editors.isRendered(this.model.unitBlock[i]));
    if (unit === -1) return;
    const start = this.model.units[unit].start;
    const now = new Date(0).toISOString();
    const fake: Annotation = {
      id: -(2 ** 30),
      documentId: 0,
      start,
      end: start + 1,
      labelId,
      annotator: '',
      origin: 'manual',
      reviewState: 'pending',
      attributes: {},
      note: '',
      createdAt: now,
      updatedAt: now,
    };
    this.applyChanges([{ after: fake }]);
    this.applyChanges([{ before: fake }]);
  }

  destroy(): void {
    this.io?.disconnect();
    this.scroller?.removeEventListener('scroll', this.onScroll);
    cancelAnimationFrame(this.renderFrame);
    clearTimeout(this.renderTimer);
    this.queued.clear();
    this.editors.destroy();
    for (const l of this.layers) l.dispose();
    this.content?.replaceChildren();
  }

  onBlockRendered(fn: (block: number) => void): () => void {
    this.renderListeners.add(fn);
    return () => this.renderListeners.delete(fn);
  }

  /** The text column's font and width, for estimating block heights (reads layout). */
  private textGeometry(): TextGeometry | null {
    const content = this.content;
    if (!content) return null;
    const style = getComputedStyle(content);
    const fontPx = parseFloat(style.fontSize) || 18;
    const width = content.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { fontPx, lineHeight: parseFloat(style.lineHeight) || fontPx * 1.9, perLine: Math.max(8, Math.floor(width / fontPx)) };
  }

  /** Re-estimates unrendered blocks, e.g. after a zoom or resize changed the line metrics (the geometry is read anew). */
  estimateHeights(geometry = this.textGeometry()): void {
    if (!geometry) return;
    const { fontPx, lineHeight, perLine } = geometry;
    const gap = fontPx * 0.75;
    this.model.blocks.forEach((b, i) => {
      if (!this.editors.isRendered(i)) {
        this.blockEls[i].style.minHeight = `${Math.round(estimateBlockHeight(this.model, b, perLine, lineHeight, gap))}px`;
      }
    });
  }

  renderBlock(block: number): void {
    if (this.editors.isRendered(block) || !this.blockEls[block]) return;
    const el = this.blockEls[block];
    this.editors.render(block, el.firstElementChild as HTMLElement);
    el.style.minHeight = '';
    el.classList.add('is-rendered');
    this.io?.unobserve(el);
    this.queued.delete(block);
  }

  private readonly onScroll = (): void => this.renderInView();

  /**
   * Renders the blocks that are (nearly) on screen now. Runs in the scroll event, before the frame
   * is painted, so even a far jump never shows an empty placeholder. Positions are all read before
   * anything is rendered (no layout between the writes); blocks are in order, so a binary search
   * finds the first one on screen.
   */
  private renderInView(): void {
    const scroller = this.scroller;
    const els = this.blockEls;
    if (!scroller || els.length === 0) return;
    const box = scroller.getBoundingClientRect();
    const top = box.top - NEAR_PX;
    const bottom = box.bottom + NEAR_PX;
    let lo = 0;
    let hi = els.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (els[mid].getBoundingClientRect().bottom <= top) lo = mid + 1;
      else hi = mid;
    }
    const inView: number[] = [];
    for (let b = lo; b < els.length && els[b].getBoundingClientRect().top < bottom; b++) {
      if (!this.editors.isRendered(b)) inView.push(b);
    }
    for (const b of inView) this.renderBlock(b);
  }

  /** Renders one queued block in a task right after the next frame, until the queue is empty. */
  private scheduleRender(): void {
    if (this.renderFrame || this.queued.size === 0) return;
    this.renderFrame = requestAnimationFrame(() => {
      // A task posted from the frame's callback runs once the frame is painted: the whole
      // interval to the next frame is left for this one block.
      this.renderTimer = window.setTimeout(this.renderNext, 0);
    });
  }

  /** Renders the queued block nearest the middle of the viewport: one block (one editor) per task. */
  private readonly renderNext = (): void => {
    this.renderFrame = 0;
    this.renderTimer = 0;
    const scroller = this.scroller;
    if (!scroller) return;
    const center = scroller.getBoundingClientRect().top + scroller.clientHeight / 2;
    let best = -1;
    let bestDistance = Infinity;
    for (const b of this.queued) {
      const r = this.blockEls[b].getBoundingClientRect();
      const distance = Math.abs((r.top + r.bottom) / 2 - center);
      if (distance < bestDistance) {
        best = b;
        bestDistance = distance;
      }
    }
    if (best !== -1) this.renderBlock(best);
    this.scheduleRender();
  };

  /** The rendered paragraph element of a unit; renders its block first when ensure is set. */
  paragraph(unit: number, ensure = true): HTMLElement | null {
    const block = this.model.unitBlock[unit];
    if (!this.editors.isRendered(block)) {
      if (!ensure) return null;
      this.renderBlock(block);
    }
    const root = this.editors.rootOf(block);
    const el = root?.children[unit - this.model.blocks[block].firstUnit] as HTMLElement | undefined;
    return el ?? null;
  }

  paragraphAt(offset: number, ensure = true): HTMLElement | null {
    return this.paragraph(unitAt(this.model, offset), ensure);
  }

  /** Applies span changes to the index and patches the affected paragraphs in place. */
  applyChanges(changes: SpanChange[]): void {
    const dirty = this.index.apply(changes);
    this.editors.patchUnits(dirty);
  }

  /** A span created here got the server's id: its marks are renamed in place rather than rebuilt. */
  renameSpan(oldId: number, renamed: Annotation): void {
    const reordered = this.index.rename(oldId, renamed);
    const units = unitsInRange(this.model, renamed.start, renamed.end).filter((u) => !reordered.has(u));
    this.editors.renameMarks(oldId, renamed.id, units);
    this.editors.patchUnits(reordered);
  }

  /** Re-styles the marks of these spans (selection or colour changes), no re-render. */
  repaint(ids?: Iterable<number>): void {
    this.editors.repaint(ids);
  }

  /** Rebuilds everything rendered, e.g. after labels were edited. */
  refreshAll(): void {
    this.editors.repaint();
  }

  /** Scrolls so the offset is in view; renders its block first if needed. */
  scrollToOffset(offset: number, mode: 'center' | 'nearest' = 'nearest'): void {
    const scroller = this.scroller;
    const rect = this.rangeRect(offset);
    if (!scroller || !rect) return;
    const box = scroller.getBoundingClientRect();
    if (mode === 'center') scroller.scrollTop += rect.top - box.top - box.height / 3;
    else if (rect.top < box.top + 40) scroller.scrollTop += rect.top - box.top - 60;
    else if (rect.bottom > box.bottom - 40) scroller.scrollTop += rect.bottom - box.bottom + 80;
  }

  /** Client rect of the caret position at offset (rendering its block if needed). */
  rangeRect(offset: number): DOMRect | null {
    const p = this.paragraphAt(offset);
    if (!p) return null;
    if (!p.textContent) return p.getBoundingClientRect();
    const r = document.createRange();
    const { node, offset: o } = offsetToDom(p, offset);
    r.setStart(node, o);
    r.collapse(true);
    const rects = r.getClientRects();
    return rects.length ? rects[rects.length - 1] : r.getBoundingClientRect();
  }

  private afterRender(block: number): void {
    for (const l of this.layers) l.refreshBlock(block);
    this.markWarningParagraphs(block);
    for (const fn of this.renderListeners) fn(block);
  }

  /** Paragraphs holding flagged mojibake get a warning band in the margin. */
  private markWarningParagraphs(block: number): void {
    const { start, end } = this.model.blocks[block];
    for (const w of this.warningRanges) {
      if (w.end <= start || w.start >= end) continue;
      for (const u of unitsInRange(this.model, Math.max(w.start, start), Math.min(w.end, end))) {
        this.paragraph(u, false)?.classList.add('bz-has-warning');
      }
    }
  }
}
