// A tag-soup event parser over htmlparser2's Tokenizer, linear in the input however deep it nests.
// htmlparser2's own Parser keeps its open-element stack with unshift/shift and finds a closing
// tag with indexOf, so 100,000 nested elements cost seconds and 200,000 most of a minute. This
// one pushes and pops, and counts open elements by name so a stray closing tag is an O(1) miss.
// It follows the Parser's rules for what an opening tag implicitly closes, void elements,
// self-closing tags, </p> and </br> without an opening tag, and closing what is left at the end.
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export interface MarkupHandler {
  /** `at` is the offset of the tag's '<' in the source. */
  onOpen?(name: string, attrs: Record<string, string>, at: number): void;
  /** `at` is the offset of the closing tag's '<', or where an implied close happened. */
  onClose?(name: string, at: number): void;
  /** Text: in HTML mode exactly source[start, end); in XML mode entities arrive decoded on their own. */
  onText?(text: string, start: number, end: number): void;
}

export interface MarkupOptions {
  xml?: boolean;
  /** Called every few thousand events; throws to stop a long parse (a cancelled import). */
  checkCancelled?: () => void;
}

const CHECK_EVERY = 4096;

const pTag = new Set(['p']);
const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const ddtTags = new Set(['dd', 'dt']);
const rtpTags = new Set(['rt', 'rp']);
const tableSectionTags = new Set(['thead', 'tbody']);
// Copied from htmlparser2's Parser, whose HTML-mode behaviour this keeps.
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((name): [string, Set<string>] => [name, pTag]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((name): [string, Set<string>] => [name, formTags]),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', ddtTags],
  ['dt', ddtTags],
  ['rt', rtpTags],
  ['rp', rtpTags],
  ['tbody', tableSectionTags],
  ['tfoot', tableSectionTags],
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

export function parseMarkup(source: string, handler: MarkupHandler, options: MarkupOptions = {}): void {
  const parser = new TagSoupParser(source, handler, options);
  const tokenizer = new Tokenizer({ xmlMode: !parser.html, decodeEntities: !parser.html }, parser.callbacks());
  tokenizer.write(source);
  tokenizer.end();
}

/** The open elements, innermost last, counted by name so that "is a <name> open?" needs no search. */
class OpenElements {
  private readonly stack: string[] = [];
  private readonly openCount = new Map<string, number>();

  get size(): number {
    return this.stack.length;
  }

  innermost(): string | undefined {
    return this.stack[this.stack.length - 1];
  }

  isOpen(name: string): boolean {
    return (this.openCount.get(name) ?? 0) > 0;
  }

  push(name: string): void {
    this.stack.push(name);
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
  }

  pop(): string {
    const name = this.stack.pop()!;
    this.openCount.set(name, this.openCount.get(name)! - 1);
    return name;
  }
}

/** Turns the Tokenizer's callbacks into balanced open/close events, following htmlparser2's Parser rules. */
class TagSoupParser {
  readonly html: boolean;
  private readonly open = new OpenElements();
  private events = 0;
  // The opening tag being read: its name, where it starts, and its attributes so far (null once reported).
  private tag = '';
  private tagAt = 0;
  private attrs: Record<string, string> | null = null;
  private attrName = '';
  private attrValue = '';

  constructor(
    private readonly source: string,
    private readonly handler: MarkupHandler,
    private readonly options: MarkupOptions,
  ) {
    this.html = !options.xml;
  }

  callbacks(): TokenizerCallbacks {
    const { source, handler, html } = this;
    return {
      onopentagname: (start, end) => this.openTag(this.tagName(start, end), start - 1),
      onattribname: (start, end) => {
        this.attrName = this.tagName(start, end);
      },
      onattribdata: (start, end) => {
        this.attrValue += source.slice(start, end);
      },
      onattribentity: (codePoint) => {
        this.attrValue += String.fromCodePoint(codePoint);
      },
      onattribend: () => this.endAttribute(),
      onopentagend: () => this.endOpenTag(),
      onselfclosingtag: () => this.closeCurrentTag(),
      onclosetag: (start, end) => this.closeTag(this.tagName(start, end), Math.max(0, start - 2)),
      ontext: (start, end) => {
        this.tick();
        handler.onText?.(source.slice(start, end), start, end);
      },
      ontextentity: (codePoint, end) => handler.onText?.(String.fromCodePoint(codePoint), end, end),
      oncdata: (start, end, offset) => {
        // XML CDATA is text; in HTML it is a comment, as in htmlparser2's Parser.
        if (!html) handler.onText?.(source.slice(start, end - offset), start, end - offset);
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend: () => {
        while (this.open.size > 0) this.pop(source.length);
      },
    };
  }

  private tick(): void {
    if (this.options.checkCancelled && ++this.events % CHECK_EVERY === 0) this.options.checkCancelled();
  }

  private tagName(start: number, end: number): string {
    const name = this.source.slice(start, end);
    return this.html ? name.toLowerCase() : name;
  }

  private isVoid(name: string): boolean {
    return this.html && VOID.has(name);
  }

  private pop(at: number): void {
    // Popped before the call: `onClose?.(…)` would skip evaluating its arguments when there is no onClose.
    const name = this.open.pop();
    this.handler.onClose?.(name, at);
  }

  private openTag(name: string, at: number): void {
    this.tick();
    this.tag = name;
    this.tagAt = at;
    const closes = this.html ? OPEN_IMPLIES_CLOSE.get(name) : undefined;
    if (closes) while (this.open.size > 0 && closes.has(this.open.innermost()!)) this.pop(at);
    if (!this.isVoid(name)) this.open.push(name);
    this.attrs = Object.create(null) as Record<string, string>;
  }

  private endAttribute(): void {
    // The first of repeated attributes wins, as in the Parser.
    if (this.attrs && !(this.attrName in this.attrs)) this.attrs[this.attrName] = this.attrValue;
    this.attrValue = '';
  }

  private endOpenTag(): void {
    if (this.attrs) this.handler.onOpen?.(this.tag, this.attrs, this.tagAt);
    this.attrs = null;
    if (this.isVoid(this.tag)) this.handler.onClose?.(this.tag, this.tagAt);
  }

  private closeCurrentTag(): void {
    const name = this.tag;
    this.endOpenTag();
    if (this.open.innermost() === name) this.pop(this.tagAt);
  }

  private closeTag(name: string, at: number): void {
    this.tick();
    if (!this.isVoid(name)) {
      if (this.open.isOpen(name)) {
        while (this.open.innermost() !== name) this.pop(at);
        this.pop(at);
      } else if (this.html && name === 'p') {
        // A stray </p> is an empty paragraph.
        this.openTag('p', at);
        this.closeCurrentTag();
      }
    } else if (this.html && name === 'br') {
      // A stray </br> is a line break.
      this.handler.onOpen?.('br', Object.create(null) as Record<string, string>, at);
      this.handler.onClose?.('br', at);
    }
  }
}
