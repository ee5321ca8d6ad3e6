// documents:get answers what the reader's first paint needs; the original text and the offset map
// (as large as the text and more) come only through documents:original, asked when the original
// view is shown. Real project file, real handlers.
import { afterEach, describe, expect, it } from 'vitest';
import { insertDocument } from '../../../electron/services/db/documents';
import { testCore, type TestCore } from '../helpers';

let core: TestCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

const ORIGINAL = '朝陽區(qū)委書記主持召開會議。';
const TEXT = '朝阳区委书记主持召开会议。';
const OFFSET_MAP = [0, 3, 0, 3, 3, 9, 3, 6, 9, 15, 6, 12];

function addImported(c: TestCore): number {
  const id = insertDocument(c.session.requireDb(), {
    draft: {
      metadata: { title: '会议', date: '2024-03-12', source: '北京日报', district: '朝阳', url: null, reporters: ['张伟'], externalId: 'a1' },
      originalText: ORIGINAL,
      text: TEXT,
      offsetMap: OFFSET_MAP,
      steps: ['traditional_to_simplified', 'strip_pinyin'],
      warnings: [],
      removed: [{ reason: 'chrome', text: '相关阅读', originalStart: 17 }],
      spans: [],
    },
    fileName: 'a1.txt',
    rawSha256: 'raw',
    encoding: 'big5',
    textSha256: 'text-hash',
  });
  return id!;
}

describe('documents:get and documents:original', () => {
  it('documents:get leaves out the original text and the offset map; documents:original gives them', async () => {
    core = testCore();
    const id = addImported(core);
    const doc = await core.call('documents:get', { id });
    expect(doc).not.toHaveProperty('originalText');
    expect(doc).not.toHaveProperty('offsetMap');
    expect(doc).toMatchObject({
      id,
      text: TEXT,
      title: '会议',
      reporters: ['张伟'],
      steps: ['traditional_to_simplified', 'strip_pinyin'],
      encoding: 'big5',
      note: '',
    });
    expect(doc.removed).toHaveLength(1);
    expect(await core.call('documents:original', { id })).toEqual({ id, originalText: ORIGINAL, offsetMap: OFFSET_MAP });
  });

  it('documents:original of a document that does not exist is not_found, naming it', async () => {
    core = testCore();
    await expect(core.call('documents:original', { id: 42 })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('42') });
    await expect(core.call('documents:original', { id: -1 })).rejects.toMatchObject({ code: expect.any(String) });
  });
});
