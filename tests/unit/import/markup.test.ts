// parseMarkup keeps htmlparser2's Parser rules (implied closes, void elements, self-closing tags, stray
// </p> and </br>, closing what is left at the end) while staying linear: on any tag soup it must report
// the same opens, closes and text as the Parser itself, in HTML and in XML mode.
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../../shared/import/formats/markup';

type Event = string;

/** Events of our parser, text merged so that chunking does not matter. */
function ourEvents(source: string, xml: boolean): Event[] {
  const events: Event[] = [];
  parseMarkup(
    source,
    {
      onOpen: (name, attrs) => events.push(`open ${name} ${JSON.stringify(attrs)}`),
      onClose: (name) => events.push(`close ${name}`),
      onText: (text) => events.push(`text ${text}`),
    },
    { xml },
  );
  return mergeText(events);
}

/** Events of htmlparser2's own Parser, configured as parseMarkup behaves (self-closing tags close in HTML too). */
function parserEvents(source: string, xml: boolean): Event[] {
  const events: Event[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attrs) => events.push(`open ${name} ${JSON.stringify(attrs)}`),
      onclosetag: (name) => events.push(`close ${name}`),
      ontext: (text) => events.push(`text ${text}`),
    },
    { xmlMode: xml, decodeEntities: xml, recognizeSelfClosing: true, recognizeCDATA: xml },
  );
  parser.write(source);
  parser.end();
  return mergeText(events);
}

function mergeText(events: Event[]): Event[] {
  const merged: Event[] = [];
  for (const event of events) {
    const last = merged[merged.length - 1];
    if (event.startsWith('text ') && last?.startsWith('text ')) merged[merged.length - 1] = last + event.slice(5);
    else merged.push(event);
  }
  return merged.filter((event) => event !== 'text ');
}

const NAMES = ['p', 'P', 'div', 'li', 'ul', 'tr', 'td', 'th', 'tbody', 'table', 'br', 'hr', 'img', 'b', 'span', 'option', 'select', 'dd', 'dt', 'svg', 'w:p'];
const name = fc.constantFrom(...NAMES);
const attribute = fc
  .tuple(fc.constantFrom('class', 'ID', 'href', 'class'), fc.constantFrom('', 'a', '北京', 'a&amp;b', 'x y'))
  .map(([key, value]) => ` ${key}="${value}"`);
const token = fc.oneof(
  fc.tuple(name, fc.array(attribute, { maxLength: 3 })).map(([tag, attrs]) => `<${tag}${attrs.join('')}>`),
  fc.tuple(name, fc.array(attribute, { maxLength: 2 })).map(([tag, attrs]) => `<${tag}${attrs.join('')}/>`),
  name.map((tag) => `</${tag}>`),
  fc.constantFrom('北京市', '朝阳区 ', '&amp;', '&lt;b&gt;', ' < ', '>', '\n', '<!-- 注释 -->', '<![CDATA[文本]]>', '<?xml version="1.0"?>'),
);
const soup = fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(''));

describe('parseMarkup', () => {
  it.each([false, true])('reports what htmlparser2 Parser reports on any tag soup (xml: %s)', (xml) => {
    fc.assert(
      fc.property(soup, (source) => {
        expect(ourEvents(source, xml)).toEqual(parserEvents(source, xml));
      }),
      { numRuns: 500 },
    );
  });

  it('gives text offsets into the source in HTML mode', () => {
    fc.assert(
      fc.property(soup, (source) => {
        parseMarkup(source, { onText: (text, start, end) => expect(source.slice(start, end)).toBe(text) });
      }),
    );
  });

  it('closes implied, stray and unclosed elements', () => {
    expect(ourEvents('<ul><li>一<li>二</ul></p></br><b>', false)).toEqual([
      'open ul {}',
      'open li {}',
      'text 一',
      'close li',
      'open li {}',
      'text 二',
      'close li',
      'close ul',
      'open p {}',
      'close p',
      'open br {}',
      'close br',
      'open b {}',
      'close b',
    ]);
  });

  it('stops when cancelled', () => {
    const source = '<b>北京</b>'.repeat(10_000);
    expect(() =>
      parseMarkup(
        source,
        {},
        {
          checkCancelled: () => {
            throw new Error('cancelled');
          },
        },
      ),
    ).toThrow('cancelled');
  });
});
