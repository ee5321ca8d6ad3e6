// Plurals come from the language's rules (Intl.PluralRules), not from "(s)": "1 document",
// "2 documents"; Chinese has one form.
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/en';
import { zh } from '../../../renderer/src/i18n/zh';

describe('message plurals', () => {
  it('pick the form by Intl.PluralRules, with # as the number and exact values first', () => {
    const template = '{n, plural, =0 {no documents} one {# document} other {# documents}} in {where}';
    expect(formatMessage(template, { n: 0, where: 'A' }, 'en')).toBe('no documents in A');
    expect(formatMessage(template, { n: 1, where: 'A' }, 'en')).toBe('1 document in A');
    expect(formatMessage(template, { n: 2, where: 'A' }, 'en')).toBe('2 documents in A');
    expect(formatMessage('{n, plural, other {# 篇文档}}', { n: 1 }, 'zh-CN')).toBe('1 篇文档');
    // A placeholder inside a form, and a value holding braces, are left as they are.
    expect(formatMessage('{n, plural, one {# file in {folder}} other {# files in {folder}}}', { n: 1, folder: '{x}' }, 'en')).toBe('1 file in {x}');
    expect(formatMessage('{missing} and {n}', { n: 3 }, 'en')).toBe('{missing} and 3');
  });

  it('are used by the English counts of documents, spans and files', () => {
    const cases: [keyof typeof en, Record<string, number>, string, string][] = [
      ['docs.count', { n: 1 }, '1 document', '2 documents'],
      ['common.spans', { n: 1 }, '1 span', '2 spans'],
      ['import.documents', { n: 1 }, '1 document', '2 documents'],
      ['export.done', { files: 1, docs: 1, spans: 1 }, 'Wrote 1 file: 1 document, 1 span.', 'Wrote 2 files: 2 documents, 2 spans.'],
      ['export.todoLeftOut', { n: 1 }, '1 to-do document', '2 to-do documents'],
    ];
    for (const [key, one, singular, plural] of cases) {
      const word = (text: string) => new RegExp(`(^|\\W)${text.replace(/\./g, '\\.')}(\\W|$)`);
      expect(formatMessage(en[key], one, 'en')).toMatch(word(singular));
      const two = Object.fromEntries(Object.keys(one).map((k) => [k, 2]));
      expect(formatMessage(en[key], two, 'en')).toMatch(word(plural));
      expect(formatMessage(zh[key], two, 'zh-CN')).not.toMatch(/[{}]/);
    }
  });
});
