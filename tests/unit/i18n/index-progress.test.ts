// The search panel's line while the trigram index fills (#21): indexed / all documents, numbers
// grouped the language's way, the English plural chosen by the total, nothing once none is pending.
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/en';
import { zh } from '../../../renderer/src/i18n/zh';
import { indexProgressMessage, type IndexStatus } from '../../../renderer/src/search/indexProgress';

function line(status: IndexStatus, lang: 'zh' | 'en', readOnly = false): string | null {
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  const message = indexProgressMessage(status, locale, readOnly);
  return message && formatMessage((lang === 'zh' ? zh : en)[message.key], message.vars, locale);
}

describe('index progress line', () => {
  it('says how many documents are indexed of all, in Chinese and English', () => {
    const status = { pending: 7656, documents: 20001 };
    expect(line(status, 'zh')).toBe('正在建立检索索引：12,345 / 20,001 篇');
    expect(line(status, 'en')).toBe('Building the search index: 12,345 of 20,001 documents');
    expect(line({ pending: 1, documents: 1 }, 'en')).toBe('Building the search index: 0 of 1 document');
  });

  it('is gone when nothing is pending', () => {
    expect(line({ pending: 0, documents: 20001 }, 'zh')).toBeNull();
    expect(line({ pending: 0, documents: 0 }, 'en')).toBeNull();
  });

  it('says a read-only project cannot fill the index instead of that it is being built', () => {
    expect(line({ pending: 3, documents: 10 }, 'en', true)).toBe('The search index holds 7 of 10 documents; a read-only project cannot fill it');
    expect(line({ pending: 3, documents: 10 }, 'zh', true)).toBe('检索索引只收录了 7 / 10 篇，只读打开的项目无法补建');
  });
});
