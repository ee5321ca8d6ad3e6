// Find matches, the current match and mojibake warnings are painted with the CSS Custom Highlight
// API: ranges over the rendered text, no DOM or Lexical changes. Ranges exist only for rendered
// blocks and are rebuilt per block when it renders or is patched.
import { rangeInParagraph } from './domOffsets';
import { unitsInRange, type TextModel } from './textModel';

type HighlightRegistry = { set(name: string, h: unknown): void; delete(name: string): void };
type HighlightCtor = new (...ranges: Range[]) => { add(r: Range): void; clear(): void; priority: number };

const registry = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights;
const HighlightClass = (globalThis as { Highlight?: HighlightCtor }).Highlight;

export interface TextRange {
  start: number;
  end: number;
}

export class HighlightLayer {
  private ranges: TextRange[] = [];
  private readonly perBlock = new Map<number, Range[]>();
  private readonly highlight = HighlightClass ? new HighlightClass() : null;

  constructor(
    private readonly name: string,
    private readonly model: TextModel,
    private readonly paragraph: (unit: number) => HTMLElement | null,
    priority = 0,
  ) {
    if (this.highlight && registry) {
      this.highlight.priority = priority;
      registry.set(name, this.highlight);
    }
  }

  set(ranges: TextRange[], renderedBlocks: number[]): void {
    this.ranges = ranges;
    this.perBlock.clear();
    for (const b of renderedBlocks) this.buildBlock(b);
    this.flush();
  }

  refreshBlock(block: number): void {
    if (!this.highlight) return;
    this.buildBlock(block);
    this.flush();
  }

  dispose(): void {
    registry?.delete(this.name);
  }

  private buildBlock(block: number): void {
    const { start, end } = this.model.blocks[block];
    const out: Range[] = [];
    // Ranges are sorted by start: binary search the first one that can reach this block.
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.ranges.length && this.ranges[i].start < end; i++) {
      const r = this.ranges[i];
      for (const u of unitsInRange(this.model, Math.max(r.start, start), Math.min(r.end, end))) {
        const p = this.paragraph(u);
        const unit = this.model.units[u];
        const s = Math.max(r.start, unit.start);
        const e = Math.min(r.end, unit.end);
        if (p && e > s) out.push(rangeInParagraph(p, s, e));
      }
    }
    this.perBlock.set(block, out);
  }

  private flush(): void {
    if (!this.highlight) return;
    this.highlight.clear();
    for (const list of this.perBlock.values()) for (const r of list) this.highlight.add(r);
  }
}
