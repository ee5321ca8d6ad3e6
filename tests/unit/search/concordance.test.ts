// search:concordanceFile: CSV as the mentions export writes it (BOM, CRLF, RFC 4180 quoting) and TSV
// (no BOM, tabs and line breaks in the context become spaces), columns as the contract lists them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';
import { addSearchDocument, labelIds, mark } from './fixture';

const TEXT = '他说，"两个维护"\t很重要\n再说"两个维护"。';
let core: TestCore;
let id: number;
beforeAll(async () => {
  core = testCore();
  id = addSearchDocument(core, { text: TEXT, title: '标题,有逗号', date: '2024-05-06', source: '人民网', district: '西城区' });
  await mark(core, id, TEXT, '两个维护', (await labelIds(core)).SLOGAN);
});
afterAll(() => core.dispose());

const HEADER = 'left,hit,right,label,document,title,date,source,district,start,end';

describe('search:concordanceFile', () => {
  it('writes CSV with a BOM, CRLF rows and quoted fields', async () => {
    const file = await core.call('search:concordanceFile', { search: { query: '两个维护' }, context: 4, format: 'csv' });
    expect(file.hits).toBe(2);
    const [first, second] = [TEXT.indexOf('两个维护'), TEXT.lastIndexOf('两个维护')];
    expect(file.text).toBe(
      `\ufeff${HEADER}\r\n` +
        `"他说，""",两个维护,"""\t很重",SLOGAN,${id},"标题,有逗号",2024-05-06,人民网,西城区,${first},${first + 4}\r\n` +
        `"\n再说""",两个维护,"""。",,${id},"标题,有逗号",2024-05-06,人民网,西城区,${second},${second + 4}\r\n`,
    );
  });

  it('writes TSV without a BOM, tabs and line breaks in the context as spaces, in the asked order', async () => {
    const file = await core.call('search:concordanceFile', { search: { query: '两个维护' }, context: 4, format: 'tsv', sort: 'document', direction: 'desc' });
    const lines = file.text.split('\n');
    expect(lines[0]).toBe(HEADER.replace(/,/g, '\t'));
    expect(lines[1].split('\t').slice(0, 4)).toEqual([' 再说"', '两个维护', '"。', '']);
    expect(lines[2].split('\t').slice(0, 4)).toEqual(['他说，"', '两个维护', '" 很重', 'SLOGAN']);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('is only the header when nothing matches', async () => {
    expect(await core.call('search:concordanceFile', { search: { query: '没有' }, format: 'tsv' })).toEqual({
      text: `${HEADER.replace(/,/g, '\t')}\n`,
      hits: 0,
    });
  });
});
