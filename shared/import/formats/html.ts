// HTML article extraction with htmlparser2. The original text of an HTML document is its decoded
// source; extraction is the first map (text → source), so every character still points at the
// exact bytes of the page. Scripts, styles, navigation, headers, footers, asides and comments are
// skipped; block elements become line breaks; <article> or <main> is preferred when present.
import type { OffsetMap } from '../../model';
import { MapBuilder, composeOffsetMaps } from '../offset-map';
import { replaceMatches } from '../steps/basic';
import { parseMarkup } from './markup';

// Site chrome marked only by class or id (<div class="footer">), common on Chinese portals.
const CHROME_CLASS = /(^|[\s_-])(nav|navbar|menu|footer|header|sidebar|breadcrumb|comments?|share|related|copyright|toolbar|advert|ads?)($|[\s_-])/i;

const SKIP = new Set([
  'script',
  'style',
  'nav',
  'header',
  'footer',
  'aside',
  'noscript',
  'template',
  'iframe',
  'svg',
  'form',
  'button',
  'select',
  'textarea',
  'head',
  'object',
  'canvas',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'tr',
  'section',
  'article',
  'main',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'dd',
  'dt',
  'dl',
  'figure',
  'figcaption',
  'hr',
  'td',
  'th',
  'center',
  'address',
]);
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  times: '×',
  divide: '÷',
  deg: '°',
  laquo: '«',
  raquo: '»',
  yen: '¥',
  zwsp: '\u200b',
};

/** Decodes one entity (&amp; &#20013; &#x4e2d;), or null when it is not one. */
function decodeEntity(entity: string): string | null {
  const m = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?$/i.exec(entity);
  if (!m) return null;
  const body = m[1];
  if (body[0] === '#') {
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : null;
  }
  return NAMED[body.toLowerCase()] ?? null;
}

export const decodeEntities = (s: string): string => s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (e) => decodeEntity(e) ?? e);

export interface HtmlExtract {
  text: string;
  /** Maps text → HTML source. */
  map: OffsetMap;
  title: string | null;
  date: string | null;
  source: string | null;
  author: string | null;
  charset: string | null;
}

const META_DATE = /^(publishdate|pubdate|publish_time|publishtime|article:published_time|og:release_date|date|dc.date|releasedate|firstpublishedtime)$/i;
const META_SOURCE = /^(source|og:site_name|mediaid|article:publisher|sitename)$/i;

/** Finds a declared charset without decoding: <meta charset> or http-equiv content-type. */
export function sniffHtmlCharset(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return m ? m[1] : null;
}

/** `checkCancelled` is called now and then during a long parse and throws to stop it. */
export function extractHtml(source: string, checkCancelled?: () => void): HtmlExtract {
  const focus = /<article[\s>]/i.test(source) ? 'article' : /<main[\s>]/i.test(source) ? 'main' : null;
  const b = new MapBuilder(source);
  let skipDepth = 0;
  // One entry per open element: did it start a skipped region?
  const skipStack: boolean[] = [];
  let focusDepth = focus ? 0 : 1;
  let focusDone = false;
  let capture: 'title' | 'h1' | null = null;
  let titleText = '';
  let h1Text = '';
  const meta: Record<string, string> = {};
  let pendingBreak = -1;
  const lineBreak = (at: number) => {
    if (b.length > 0) pendingBreak = at;
  };
  parseMarkup(
    source,
    {
      onOpen(name, attrs, at) {
        if (name === 'meta') {
          const key = attrs.name ?? attrs.property ?? attrs.itemprop ?? attrs['http-equiv'];
          if (key && attrs.content) meta[key.toLowerCase()] = attrs.content;
          if (attrs.charset) meta.charset = attrs.charset;
        }
        if (name === 'title') capture = 'title';
        if (name === 'h1' && !h1Text) capture = 'h1';
        if (name === focus && !focusDone) focusDepth++;
        const skips = SKIP.has(name) || CHROME_CLASS.test(`${attrs.class ?? ''} ${attrs.id ?? ''}`);
        skipStack.push(skips);
        if (skips) skipDepth++;
        if (BLOCK.has(name) && skipDepth === 0 && focusDepth > 0) lineBreak(at);
      },
      onText(data, start, end) {
        if (capture === 'title') titleText += data;
        if (capture === 'h1') h1Text += data;
        if (skipDepth > 0 || focusDepth === 0) return;
        if (pendingBreak >= 0) {
          b.replace(pendingBreak, pendingBreak, '\n');
          pendingBreak = -1;
        }
        emitText(b, source, start, end);
      },
      onClose(name, at) {
        if (name === 'title' || name === 'h1') capture = null;
        if (skipStack.pop() && skipDepth > 0) skipDepth--;
        if (BLOCK.has(name) && skipDepth === 0 && focusDepth > 0) lineBreak(at);
        if (name === focus && focusDepth > 0 && !focusDone) {
          focusDepth--;
          if (focusDepth === 0) focusDone = true;
        }
      },
    },
    { checkCancelled },
  );
  const raw = b.finish();
  // Spaces next to line breaks are layout, not text.
  const tidy = replaceMatches(raw.text, / +/g, (m) => {
    const before = raw.text[m.index - 1] ?? '\n';
    const after = raw.text[m.index + m[0].length] ?? '\n';
    if (before === '\n' || after === '\n') return '';
    return m[0].length > 1 ? ' ' : null;
  });
  const title = cleanTitle(decodeEntities(h1Text).trim()) || cleanTitle(decodeEntities(titleText).trim()) || null;
  const metaValue = (re: RegExp) =>
    Object.entries(meta)
      .find(([k, v]) => re.test(k) && v.trim())?.[1]
      .trim() ?? null;
  return {
    text: tidy.text,
    map: composeOffsetMaps(raw.map, tidy.map),
    title,
    date: metaValue(META_DATE),
    source: metaValue(META_SOURCE),
    author: metaValue(/^(author|article:author)$/i),
    charset: meta.charset ?? null,
  };
}

const isCjk = (ch: string) => /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(ch);

/**
 * Copies source[start, end) decoding entities. A whitespace run becomes one space, or nothing when
 * it holds a line break next to a Chinese character (source lines wrapped inside a sentence).
 */
function emitText(b: MapBuilder, source: string, start: number, end: number): void {
  // Matched within the text node only: searching `source` from `start` would run on past `end`
  // to the next match, once per text node, which is quadratic on pages of many short nodes.
  const node = source.slice(start, end);
  const re = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);|[ \t\r\n\f]+/gi;
  let copied = start;
  for (let m = re.exec(node); m; m = re.exec(node)) {
    const mStart = start + m.index;
    const mEnd = mStart + m[0].length;
    let out: string | null;
    if (m[0][0] === '&') out = decodeEntity(m[0]);
    else {
      const wrapped = /[\r\n]/.test(m[0]) && (isCjk(source[mStart - 1] ?? '') || isCjk(source[mEnd] ?? ''));
      out = wrapped ? '' : ' ';
    }
    if (out === null || out === m[0]) continue;
    b.copy(copied, mStart);
    b.replace(mStart, mEnd, out);
    copied = mEnd;
  }
  b.copy(copied, end);
}

/** '标题_新京报' / '标题 - 北京日报' → '标题': the longest part of a site-suffixed title. */
function cleanTitle(title: string): string {
  const parts = title.split(/\s*(?:_|\||｜|\s[-–—]\s)\s*/).filter(Boolean);
  return parts.length > 1 ? parts.reduce((a, p) => (p.length > a.length ? p : a), '') : title;
}
