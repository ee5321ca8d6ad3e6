// Occurrences of many strings in one pass over a text (Aho–Corasick over UTF-16 code units), for
// the consistency report: searching each of tens of thousands of labelled mentions on its own would
// read the corpus once per mention (35 s for 7,500 mentions in 300 articles; hours at full size).
// Each string's occurrences follow the finder's rule: left to right, not overlapping ('aa' in 'aaa'
// once), so the counts equal what search:counts gives for the string.

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Patterns ending here, this node's own first, then those of its fail chain (by output link). */
  pattern: number;
  output: number;
}

export class OccurrenceMatcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, pattern: -1, output: -1 }];
  readonly lengths: number[];

  constructor(readonly patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((pattern, index) => this.add(pattern, index));
    this.link();
  }

  private add(pattern: string, index: number): void {
    let at = 0;
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      let child = this.nodes[at].next.get(unit);
      if (child === undefined) {
        child = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, pattern: -1, output: -1 });
        this.nodes[at].next.set(unit, child);
      }
      at = child;
    }
    if (pattern.length > 0) this.nodes[at].pattern = index;
  }

  /** Breadth-first: each node's fail link is the longest proper suffix that is in the trie. */
  private link(): void {
    const queue: number[] = [...this.nodes[0].next.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = this.nodes[queue[head]];
      for (const [unit, child] of node.next) {
        let fail = node.fail;
        while (fail !== 0 && !this.nodes[fail].next.has(unit)) fail = this.nodes[fail].fail;
        const target = this.nodes[fail].next.get(unit);
        const childNode = this.nodes[child];
        childNode.fail = target !== undefined && target !== child ? target : 0;
        const failNode = this.nodes[childNode.fail];
        childNode.output = failNode.pattern >= 0 ? childNode.fail : failNode.output;
        queue.push(child);
      }
    }
  }

  /**
   * Calls `visit(pattern, start, end)` for every occurrence in `text` that does not overlap an
   * earlier occurrence of the same pattern, in order of end.
   */
  forEach(text: string, visit: (pattern: number, start: number, end: number) => void): void {
    const lastEnd = new Map<number, number>();
    const take = (pattern: number, end: number) => {
      const start = end - this.lengths[pattern];
      if ((lastEnd.get(pattern) ?? 0) > start) return;
      lastEnd.set(pattern, end);
      visit(pattern, start, end);
    };
    let at = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      while (at !== 0 && !this.nodes[at].next.has(unit)) at = this.nodes[at].fail;
      at = this.nodes[at].next.get(unit) ?? 0;
      const node = this.nodes[at];
      if (node.pattern >= 0) take(node.pattern, i + 1);
      for (let out = node.output; out > 0; out = this.nodes[out].output) take(this.nodes[out].pattern, i + 1);
    }
  }
}
