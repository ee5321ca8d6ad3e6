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

// eslint-disable-next-line max-lines-per-function -- to split (#19): not reached yet, several steps in one function
export function parseMarkup(source: string, handler: MarkupHandler, options: MarkupOptions = {}): void {
  const html = !options.xml;
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  let events = 0;
  const tick = () => {
    if (options.checkCancelled && ++events % CHECK_EVERY === 0) options.checkCancelled();
  };
  const push = (name: string) => {
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const pop = (at: number) => {
    const name = stack.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    handler.onClose?.(name, at);
  };
  const isVoid = (name: string) => html && VOID.has(name);
  const tagName = (start: number, end: number) => {
    const name = source.slice(start, end);
    return html ? name.toLowerCase() : name;
  };

  let tag = '';
  let tagAt = 0;
  let attrs: Record<string, string> | null = null;
  let attrName = '';
  let attrValue = '';
  const openTag = (name: string, at: number) => {
    tick();
    tag = name;
    tagAt = at;
    const closes = html ? OPEN_IMPLIES_CLOSE.get(name) : undefined;
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1])) pop(at);
    if (!isVoid(name)) push(name);
    attrs = Object.create(null) as Record<string, string>;
  };
  const endOpenTag = () => {
    if (attrs) handler.onOpen?.(tag, attrs, tagAt);
    attrs = null;
    if (isVoid(tag)) handler.onClose?.(tag, tagAt);
  };
  const closeCurrentTag = () => {
    const name = tag;
    endOpenTag();
    if (stack[stack.length - 1] === name) pop(tagAt);
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      openTag(tagName(start, end), start - 1);
    },
    onattribname(start, end) {
      attrName = tagName(start, end);
    },
    onattribdata(start, end) {
      attrValue += source.slice(start, end);
    },
    onattribentity(codePoint) {
      attrValue += String.fromCodePoint(codePoint);
    },
    onattribend() {
      if (attrs && !(attrName in attrs)) attrs[attrName] = attrValue;
      attrValue = '';
    },
    onopentagend() {
      endOpenTag();
    },
    onselfclosingtag() {
      closeCurrentTag();
    },
    onclosetag(start, end) {
      tick();
      const name = tagName(start, end);
      const at = Math.max(0, start - 2);
      if (!isVoid(name)) {
        if ((openCount.get(name) ?? 0) > 0) {
          while (stack[stack.length - 1] !== name) pop(at);
          pop(at);
        } else if (html && name === 'p') {
          openTag('p', at);
          closeCurrentTag();
        }
      } else if (html && name === 'br') {
        handler.onOpen?.('br', Object.create(null) as Record<string, string>, at);
        handler.onClose?.('br', at);
      }
    },
    ontext(start, end) {
      tick();
      handler.onText?.(source.slice(start, end), start, end);
    },
    ontextentity(codePoint, end) {
      handler.onText?.(String.fromCodePoint(codePoint), end, end);
    },
    oncdata(start, end, offset) {
      // XML CDATA is text; in HTML it is a comment, as in htmlparser2's Parser.
      if (!html) handler.onText?.(source.slice(start, end - offset), start, end - offset);
    },
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {
      while (stack.length > 0) pop(source.length);
    },
  };
  const tokenizer = new Tokenizer({ xmlMode: !html, decodeEntities: !html }, callbacks);
  tokenizer.write(source);
  tokenizer.end();
}
