// One small read-only Lexical editor per block, created when the block nears the viewport.
// Editor states are built straight from text + spans (no selection wrapping), and a span change
// rebuilds only the paragraphs it touches, in a discrete update so it is on screen this frame.
import { $createMarkNode, $isMarkNode, MarkNode } from '@lexical/mark';
import { mergeRegister } from '@lexical/utils';
import { $createParagraphNode, $createTextNode, $getNodeByKey, $getRoot, createEditor, ParagraphNode, type LexicalEditor } from 'lexical';
import { paintMark, parseIds, type PaintSource } from './painter';
import type { SpanIndex } from './spanIndex';
import type { TextModel } from './textModel';

const THEME = { paragraph: 'bz-p', mark: 'bz-mark', markOverlap: 'bz-mark-overlap' };

interface LiveBlock {
  editor: LexicalEditor;
  root: HTMLElement;
  dispose: () => void;
}

export class BlockEditors {
  private readonly live = new Map<number, LiveBlock>();

  constructor(
    private readonly model: TextModel,
    private readonly index: SpanIndex,
    private readonly paint: PaintSource,
    private readonly onRendered: (block: number) => void,
  ) {}

  isRendered(block: number): boolean {
    return this.live.has(block);
  }

  rootOf(block: number): HTMLElement | null {
    return this.live.get(block)?.root ?? null;
  }

  renderedBlocks(): number[] {
    return [...this.live.keys()];
  }

  /** Creates the block's editor inside root and fills it. Synchronous: the DOM is ready on return. */
  render(block: number, root: HTMLElement): void {
    if (this.live.has(block)) return;
    const editor = createEditor({
      namespace: `bz-block-${block}`,
      nodes: [MarkNode],
      editable: false,
      theme: THEME,
      onError: (error) => console.error(error),
    });
    editor.setRootElement(root);
    const dispose = mergeRegister(
      // Paint marks whenever Lexical creates or updates their DOM, whatever caused it.
      editor.registerMutationListener(
        MarkNode,
        (mutations) => {
          editor.getEditorState().read(() => {
            for (const [key, kind] of mutations) {
              if (kind === 'destroyed') continue;
              const node = $getNodeByKey(key);
              const el = editor.getElementByKey(key);
              if ($isMarkNode(node) && el) paintMark(el, node.getIDs().map(Number), this.paint);
            }
          });
        },
        { skipInitialization: true },
      ),
      () => editor.setRootElement(null),
    );
    this.live.set(block, { editor, root, dispose });
    const { firstUnit, endUnit } = this.model.blocks[block];
    editor.update(
      () => {
        const rootNode = $getRoot();
        rootNode.clear();
        for (let u = firstUnit; u < endUnit; u++) {
          const p = $createParagraphNode();
          this.fill(p, u);
          rootNode.append(p);
        }
      },
      { discrete: true },
    );
    root.querySelectorAll<HTMLElement>('p.bz-p').forEach((p, i) => this.decorateParagraph(p, firstUnit + i));
    this.onRendered(block);
  }

  /** Rebuilds the given units' paragraphs in the rendered blocks that hold them. */
  patchUnits(units: Iterable<number>): void {
    for (const [b, list] of this.byLiveBlock(units)) {
      const { editor } = this.live.get(b)!;
      const first = this.model.blocks[b].firstUnit;
      editor.update(
        () => {
          const children = $getRoot().getChildren();
          for (const u of list) {
            const p = children[u - first];
            if (p instanceof ParagraphNode) {
              p.clear();
              this.fill(p, u);
            }
          }
        },
        { discrete: true },
      );
      this.onRendered(b);
    }
  }

  /** Renames a span in the marks of these units: the same elements get the new id (and are repainted), no paragraph is rebuilt. */
  renameMarks(oldId: number, newId: number, units: Iterable<number>): void {
    const from = String(oldId);
    const to = String(newId);
    for (const [b, list] of this.byLiveBlock(units)) {
      const first = this.model.blocks[b].firstUnit;
      this.live.get(b)!.editor.update(
        () => {
          const children = $getRoot().getChildren();
          for (const u of list) {
            const p = children[u - first];
            if (!(p instanceof ParagraphNode)) continue;
            for (const node of p.getChildren()) {
              if ($isMarkNode(node) && node.hasID(from)) node.setIDs(node.getIDs().map((id) => (id === from ? to : id)));
            }
          }
        },
        { discrete: true },
      );
    }
  }

  /** Re-applies styles (selection, colours) without touching Lexical state. */
  repaint(ids?: Iterable<number>): void {
    const selector = ids ? [...ids].map((id) => `mark[data-ids~="${id}"]`).join(',') : 'mark';
    if (!selector) return;
    for (const { root } of this.live.values()) {
      root.querySelectorAll<HTMLElement>(selector).forEach((el) => paintMark(el, parseIds(el), this.paint));
    }
  }

  /** The units that are rendered, grouped by their block. */
  private byLiveBlock(units: Iterable<number>): Map<number, number[]> {
    const byBlock = new Map<number, number[]>();
    for (const u of units) {
      const b = this.model.unitBlock[u];
      if (!this.live.has(b)) continue;
      const list = byBlock.get(b) ?? [];
      list.push(u);
      byBlock.set(b, list);
    }
    return byBlock;
  }

  destroy(): void {
    for (const { dispose } of this.live.values()) dispose();
    this.live.clear();
  }

  private fill(p: ParagraphNode, unit: number): void {
    const text = this.model.text;
    for (const seg of this.index.segments(unit)) {
      const node = $createTextNode(text.slice(seg.start, seg.end));
      if (seg.ids.length === 0) {
        p.append(node);
      } else {
        const mark = $createMarkNode(seg.ids.map(String));
        mark.append(node);
        p.append(mark);
      }
    }
  }

  /** Paragraph offsets live on the element so DOM points map to text offsets without a search. */
  private decorateParagraph(p: HTMLElement, unit: number): void {
    const u = this.model.units[unit];
    p.dataset.unit = String(unit);
    p.dataset.start = String(u.start);
    if (u.continues) p.classList.add('bz-continues');
    // A class, not :has(> br:only-child): :has() makes every DOM change re-check all paragraphs' styles.
    if (u.end === u.start) p.classList.add('bz-empty');
  }
}
