// Relations in the reader (#23), readable with 2,000 of them in a 100k-character document: arcs
// (one SVG over the text) only for the selected span's and the hovered span's relations, and, while
// a relation is being drawn, a number on each nearby span it may go to. Positions come from the
// rendered text (rendering a far end's block when needed) and are redrawn when blocks render or
// the text column changes size; nothing is drawn for spans not involved.
import type { Relation } from '../../../shared/api/entities';
import type { Annotation, Label } from '../../../shared/model';
import { rangeInParagraph } from '../reader/domOffsets';
import type { ReaderController } from '../reader/readerController';
import { unitAt } from '../reader/textModel';
import './entities.css';
import { ENTITIES_CHANGED_EVENT, type EntityState } from './entityState';

const SVG = 'http://www.w3.org/2000/svg';

interface Point {
  x: number;
  y: number;
}

export class RelationLayer {
  private readonly root: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly badges: HTMLDivElement;
  private frame = 0;
  /** One arrowhead per colour drawn (a marker takes its fill from itself, not from the path). */
  private readonly markers = new Map<string, string>();
  private defs: SVGDefsElement | null = null;
  private drawn = false;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly ctl: ReaderController,
    private readonly state: EntityState,
    private readonly labels: () => Map<number, Label>,
    private readonly typeName: (r: Relation) => string,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'bz-rel-layer';
    this.root.setAttribute('aria-hidden', 'true');
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.classList.add('bz-rel-arcs');
    this.badges = document.createElement('div');
    this.badges.className = 'bz-rel-badges';
    this.root.append(this.svg, this.badges);
    ctl.content?.appendChild(this.root);
    const redraw = () => this.schedule();
    this.disposers.push(state.subscribe(redraw));
    state.hoverListeners.add(redraw);
    this.disposers.push(() => state.hoverListeners.delete(redraw));
    this.disposers.push(ctl.onBlockRendered(redraw));
    if (ctl.content) {
      const ro = new ResizeObserver(redraw);
      ro.observe(ctl.content);
      this.disposers.push(() => ro.disconnect());
    }
    this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const d of this.disposers) d();
    this.root.remove();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** The relations worth drawing: the selected span's and the hovered spans', each once. */
  private shownRelations(): Relation[] {
    const focus = new Set<number>(this.state.hoveredIds);
    const selected = this.state.session.selectedId;
    if (selected !== null) focus.add(selected);
    const picker = this.state.picker?.stage;
    if (picker) focus.add(picker.from.id);
    const out = new Map<number, Relation>();
    for (const id of focus) for (const r of this.state.relationsOf(id)) out.set(r.id, r);
    return [...out.values()];
  }

  draw(): void {
    const content = this.ctl.content;
    if (!content || !this.root.isConnected) return;
    const shown = this.shownRelations();
    const stage = this.state.picker?.stage;
    // Nothing to draw and nothing drawn (most span changes): no layout is read.
    if (shown.length === 0 && !stage && !this.drawn) return;
    this.drawn = shown.length > 0 || !!stage;
    const box = content.getBoundingClientRect();
    const session = this.state.session;
    this.svg.replaceChildren();
    this.badges.replaceChildren();
    this.markers.clear();
    this.defs = document.createElementNS(SVG, 'defs');
    this.svg.append(this.defs);
    for (const r of shown) {
      const from = session.spanById(r.fromId);
      const to = session.spanById(r.toId);
      if (!from || !to) continue;
      const a = this.anchor(from, box);
      const b = this.anchor(to, box);
      if (a && b) this.arc(r, a, b, this.labels().get(from.labelId)?.color ?? '#888888');
    }
    if (stage?.stage === 'target') {
      stage.numbered.forEach((span, i) => this.badge(span, String(i + 1), box, false));
      const cursor = stage.cursor === null ? null : stage.allowed[stage.cursor];
      if (cursor) this.badge(cursor, '▸', box, true);
    } else if (stage?.stage === 'type') {
      const a = this.anchor(stage.from, box);
      const b = this.anchor(stage.to, box);
      if (a && b) this.arc(null, a, b, 'var(--accent)');
    }
  }

  /** The top middle of a span's first line, in the text column's coordinates. */
  private anchor(span: Annotation, box: DOMRect): (Point & { left: number }) | null {
    const unit = unitAt(this.ctl.model, span.start);
    const p = this.ctl.paragraph(unit);
    if (!p) return null;
    const u = this.ctl.model.units[unit];
    const end = Math.min(span.end, u.end);
    if (end <= span.start) return null;
    const rects = rangeInParagraph(p, span.start, end).getClientRects();
    const first = rects[0];
    if (!first) return null;
    return { x: first.left + first.width / 2 - box.left, y: first.top - box.top, left: first.left - box.left };
  }

  private arc(r: Relation | null, a: Point, b: Point, color: string): void {
    const dx = b.x - a.x;
    // Low arcs: mostly within the line gap above, so few characters of the line above are crossed.
    const lift = Math.min(56, 12 + Math.abs(dx) / 10 + Math.abs(b.y - a.y) / 10);
    const top = Math.min(a.y, b.y) - lift;
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', `M${a.x},${a.y - 2} C${a.x},${top} ${b.x},${top} ${b.x},${b.y - 2}`);
    path.setAttribute('class', `bz-rel-arc${r?.reviewState === 'rejected' ? ' is-rejected' : ''}`);
    path.style.stroke = color;
    path.setAttribute('marker-end', `url(#${this.marker(color)})`);
    this.svg.append(path);
    if (!r) return;
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', String((a.x + b.x) / 2));
    label.setAttribute('y', String(top + lift * 0.25 - 2));
    label.setAttribute('class', 'bz-rel-label');
    label.textContent = this.typeName(r);
    this.svg.append(label);
  }

  private marker(color: string): string {
    let id = this.markers.get(color);
    if (id) return id;
    id = `bz-rel-arrow-${this.markers.size}`;
    const marker = document.createElementNS(SVG, 'marker');
    for (const [k, v] of Object.entries({ id, viewBox: '0 0 8 8', refX: '7', refY: '4', markerWidth: '7', markerHeight: '7', orient: 'auto' }))
      marker.setAttribute(k, v);
    const head = document.createElementNS(SVG, 'path');
    head.setAttribute('d', 'M0,0 L8,4 L0,8 z');
    head.style.fill = color;
    marker.append(head);
    this.defs?.append(marker);
    this.markers.set(color, id);
    return id;
  }

  private badge(span: Annotation, text: string, box: DOMRect, current: boolean): void {
    const at = this.anchor(span, box);
    if (!at) return;
    const el = document.createElement('span');
    el.className = `bz-rel-badge${current ? ' is-current' : ''}`;
    el.dataset.relTarget = String(span.id);
    el.textContent = text;
    el.style.left = `${at.left}px`;
    el.style.top = `${at.y}px`;
    this.badges.append(el);
  }
}

/** Draws the session's relations onto a mounted reader; returns what takes them off again. */
export function attachRelations(ctl: ReaderController, state: EntityState, labels: () => Map<number, Label>): () => void {
  const layer = new RelationLayer(ctl, state, labels, (r) => {
    const type = state.typeOf(r);
    return type?.name || r.typeKey;
  });
  // While this document is open, entity changes elsewhere (the panel) reach it.
  const onChanged = (e: Event) => state.onEntitiesChanged(!!(e as CustomEvent<{ spansMoved?: boolean } | null>).detail?.spansMoved);
  window.addEventListener(ENTITIES_CHANGED_EVENT, onChanged);
  const cancelPrefetch = state.prefetchWhenIdle();
  return () => {
    cancelPrefetch();
    window.removeEventListener(ENTITIES_CHANGED_EVENT, onChanged);
    state.picker?.cancel();
    state.setHovered([]);
    layer.destroy();
  };
}
