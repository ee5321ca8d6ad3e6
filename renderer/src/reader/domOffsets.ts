// Exact mapping between DOM points inside the reader and global text offsets (UTF-16 units into
// document.text). Each Lexical paragraph element carries its unit's start offset (data-start); the
// offset inside it is the length of the text before the point, which is the paragraph's own text
// because Lexical renders text nodes verbatim and adds nothing but a <br> to empty paragraphs.

export interface DomPoint {
  node: Node;
  offset: number;
}

function paragraphOf(node: Node | null): HTMLElement | null {
  const el = node instanceof Element ? node : node?.parentElement;
  return (el?.closest('p.bz-p') as HTMLElement | null) ?? null;
}

/** Global offset of a DOM point, or null when the point is not inside a paragraph of the reader. */
export function domToOffset(node: Node, offset: number, container: HTMLElement): number | null {
  if (!container.contains(node)) return null;
  const p = paragraphOf(node);
  if (!p) {
    // A point between paragraphs (the editor root with a child index): snap to the next paragraph.
    if (node instanceof Element && node.classList.contains('bz-block-root')) {
      const child = node.children[Math.min(offset, node.children.length - 1)] as HTMLElement | undefined;
      if (!child) return null;
      const start = Number(child.dataset.start);
      return offset >= node.children.length ? start + (child.textContent?.length ?? 0) : start;
    }
    return null;
  }
  const range = document.createRange();
  range.setStart(p, 0);
  range.setEnd(node, offset);
  const start = Number(p.dataset.start);
  return start + range.toString().length;
}

/** DOM point for a global offset inside a rendered paragraph element. */
export function offsetToDom(p: HTMLElement, offset: number): DomPoint {
  let remaining = offset - Number(p.dataset.start);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (remaining <= n.data.length) return { node: n, offset: remaining };
    remaining -= n.data.length;
    last = n;
  }
  return last ? { node: last, offset: last.data.length } : { node: p, offset: 0 };
}

/** A DOM Range over [start, end) restricted to one rendered paragraph. */
export function rangeInParagraph(p: HTMLElement, start: number, end: number): Range {
  const a = offsetToDom(p, start);
  const b = offsetToDom(p, end);
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
