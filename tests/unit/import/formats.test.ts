import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importOptions } from '../../../shared/api/import';
import { mapToOriginal, offsetMapProblem } from '../../../shared/import/offset-map';
import { processFile } from '../../../shared/import/pipeline';
import { importBytes, importSample } from './helpers';

describe('HTML', () => {
  it('extracts the article of the sample page with its metadata', () => {
    const out = importSample('13-fengtai-article.html');
    expect([out.format, out.error]).toEqual(['html', null]);
    const [doc] = out.drafts;
    expect(doc.metadata).toMatchObject({
      title: '丰台区召开街道工作会议 部署基层治理重点任务',
      date: '2024-05-14T08:30',
      source: '丰台时报',
      reporters: ['梁思彤'],
      district: '丰台区',
    });
    expect(doc.text.startsWith('丰台区召开街道工作会议 部署基层治理重点任务\n\n5月13日,')).toBe(true);
    for (const chrome of ['首页', '要闻', '相关推荐', '版权所有', 'analytics', '广告位', 'font-family']) expect(doc.text).not.toContain(chrome);
    // A source line break inside a sentence disappears; entities are decoded.
    expect(doc.text).toContain('深化“街乡吹哨、部门报到”改革,推动资源');
    expect(offsetMapProblem(doc.offsetMap, doc.text.length, doc.originalText.length)).toBeNull();
    const q = doc.text.indexOf('“');
    const r = mapToOriginal(doc.offsetMap, q, q + 1);
    expect(doc.originalText.slice(r.start, r.end)).toBe('&ldquo;');
    const p = doc.text.indexOf('5月13日');
    const rp = mapToOriginal(doc.offsetMap, p, p + 5);
    expect(doc.originalText.slice(rp.start, rp.end)).toBe('5月13日');
  });

  it('reads the body when there is no <article>, and cleans the <title>', () => {
    const html =
      '<html><head><title>区长调研_北京日报</title></head><body><nav>导航</nav><div>昌平区召开会议。</div><p>会议强调&amp;要求。</p><footer>版权</footer></body></html>';
    const [doc] = importBytes('page.htm', html).drafts;
    expect(doc.metadata.title).toBe('区长调研');
    expect(doc.text).toBe('昌平区召开会议。\n会议强调&要求。');
  });

  it('honours a declared GBK charset', () => {
    const head = new TextEncoder().encode('<html><head><meta charset="gbk"></head><body><p>');
    const body = Uint8Array.of(0xb1, 0xb1, 0xbe, 0xa9); // 北京 in GBK
    const tail = new TextEncoder().encode('</p></body></html>');
    const out = importBytes('gbk.html', Uint8Array.from([...head, ...body, ...tail]));
    expect([out.encoding, out.drafts[0].text]).toEqual(['gb18030', '北京']);
  });
});

describe('DOCX', () => {
  const docx = (paragraphs: string[], title?: string) => {
    const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
    const files: Record<string, Uint8Array> = {
      'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`),
      '[Content_Types].xml': strToU8('<Types/>'),
    };
    if (title) files['docProps/core.xml'] = strToU8(`<cp:coreProperties xmlns:dc="d" xmlns:cp="c"><dc:title>${title}</dc:title></cp:coreProperties>`);
    return zipSync(files);
  };

  it('turns paragraphs into lines', () => {
    const out = importBytes('report.docx', docx(['顺义区召开会议', '本报讯(记者 吕思远)会议要求,抓好落实。', 'A &amp; B<w:tab/>'], '顺义区会议'));
    expect([out.format, out.encoding, out.error]).toEqual(['docx', null, null]);
    expect(out.drafts[0].text).toBe('顺义区召开会议\n本报讯(记者 吕思远)会议要求,抓好落实。\nA & B');
    expect(out.drafts[0].metadata.title).toBe('顺义区会议');
    expect(out.drafts[0].metadata.reporters).toEqual(['吕思远']);
  });

  it('rejects files that are not .docx archives', () => {
    expect(importBytes('x.docx', '不是压缩包').error).toMatch(/not a valid \.docx/);
    expect(importBytes('x.docx', zipSync({ 'a.txt': strToU8('x') })).error).toMatch(/document\.xml is missing/);
  });
});

describe('JSONL and JSON', () => {
  it('imports the sample records with their metadata and spans', () => {
    const out = importSample('11-samples.jsonl');
    expect(out.problems).toEqual([]);
    expect(out.drafts.map((d) => d.metadata.externalId)).toEqual(['fengtai-2024-0311', 'shijingshan-2024-0402', 'pinggu-2024-0520']);
    expect(out.drafts[2].metadata.date).toBe('2024-05-20');
    const d = out.drafts[1];
    expect(d.spans.map((s) => [d.text.slice(s.start, s.end), s.label])).toEqual([
      ['首钢园', 'ORG'],
      ['罗海峰', 'PER'],
    ]);
  });

  it('reports malformed lines and records without text, and imports the rest', () => {
    const lines = [
      '{"id": 1, "text": "昌平区召开会议。"}',
      '{"id": 2, "text": "缺少引号}',
      '{"id": 3, "title": "只有标题"}',
      '',
      '[1, 2]',
      '{"id": 6, "正文": "大兴区召开会议。", "标题": "大兴会议"}',
    ].join('\n');
    const out = importBytes('records.jsonl', lines);
    expect(out.drafts.map((x) => x.metadata.externalId)).toEqual(['1', '6']);
    expect(out.drafts[1].metadata.title).toBe('大兴会议');
    expect(out.problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(out.problems[0].message).toMatch(/line 2 is not valid JSON/);
    expect(out.problems[1].message).toBe('line 3 has no text field');
  });

  it('follows the field mapping and moves spans through normalization', () => {
    const record = {
      doc: 'a1',
      body: '\u3000\u3000時(shí)間緊,昌平區(qū)召開會議。',
      spans: [
        { start: 11, end: 14, label: 'LOC' },
        { start: 40, end: 45, label: 'BAD' },
      ],
      label: [[11, 14, 'LOC']],
    };
    const out = importBytes('r.jsonl', JSON.stringify(record), { fieldMapping: { text: 'body', id: 'doc' } });
    const [d] = out.drafts;
    expect(d.text).toBe('时间紧,昌平区召开会议。');
    expect(d.metadata.externalId).toBe('a1');
    expect(d.spans.map((s) => d.text.slice(s.start, s.end))).toEqual(['昌平区', '昌平区']);
    expect(out.problems).toEqual([
      {
        line: 1,
        message: 'line 1: span 40-45 (BAD) is outside the text',
        code: 'span_outside_text',
        params: { label: 'BAD', start: 40, end: 45, length: expect.any(Number) },
      },
    ]);
  });

  it('reads a JSON array or an object holding one', () => {
    const arr = importBytes('a.json', JSON.stringify([{ text: '通州区召开会议。' }, 5]));
    expect(arr.drafts).toHaveLength(1);
    expect(arr.problems).toEqual([{ message: 'record 2 is not a JSON object', code: 'record_not_object', params: { n: 2 } }]);
    const obj = importBytes('b.json', JSON.stringify({ documents: [{ content: '海淀区召开会议。', title: '海淀' }] }));
    expect(obj.drafts[0].metadata.title).toBe('海淀');
    expect(importBytes('c.json', '{"text": ').error).toMatch(/not valid JSON/);
  });
});

describe('CSV and TSV', () => {
  it('imports the sample with quoted line breaks and "" escapes', () => {
    const out = importSample('12-samples.csv');
    expect(out.problems).toEqual([]);
    expect(out.drafts).toHaveLength(3);
    expect(out.drafts[0].text).toContain('政治责任,\n严格落实');
    expect(out.drafts[1].text).toContain('"冰雪惠民季"活动');
    expect(out.drafts[0].metadata).toMatchObject({ externalId: 'miyun-001', district: '密云区', date: '2024-06-04', source: '密云时讯' });
  });

  it('reports rows with the wrong number of columns by line', () => {
    const csv = 'id,text\n1,"第一行\n第二行"\n2,多,一列\n3,正常的一行。\n';
    const out = importBytes('x.csv', csv);
    expect(out.drafts.map((d) => d.metadata.externalId)).toEqual(['1', '3']);
    expect(out.problems).toEqual([
      { line: 4, message: 'row at line 4 has 3 columns, the header has 2', code: 'csv_column_count', params: { columns: 3, header: 2 } },
    ]);
  });

  it('reads TSV', () => {
    const out = importBytes('x.tsv', 'title\ttext\n标题一\t昌平区召开会议。\n');
    expect(out.drafts[0].metadata.title).toBe('标题一');
    expect(out.drafts[0].text).toBe('昌平区召开会议。');
  });
});

describe('metadata from plain text', () => {
  it('takes a date only from the header or the opening of the lead', () => {
    const dated = importBytes('a.txt', '区委召开会议\n\n本报讯(记者 张三)2024年1月12日上午,区委召开会议,要求2024年12月31日前完成任务。');
    expect(dated.drafts[0].metadata.date).toBe('2024-01-12');
    const undated = importBytes('b.txt', '区委召开会议\n\n1月12日上午,区委召开会议,要求2024年12月31日前完成任务。');
    expect(undated.drafts[0].metadata.date).toBeNull();
  });
});

describe('processFile contract', () => {
  it('takes the options the import service parses with zod', () => {
    const out = processFile({ fileName: 'x.txt', bytes: new TextEncoder().encode('昌平区召开会议。') }, importOptions.parse({}));
    expect(out).toMatchObject({ format: 'txt', encoding: 'utf-8', error: null, problems: [] });
    expect(out.drafts[0]).toMatchObject({ text: '昌平区召开会议。', originalText: '昌平区召开会议。', offsetMap: [0, 8, 0, 8], steps: [], spans: [] });
  });
});

describe('html chrome marked by class or id', () => {
  it('drops <div class="nav"> and <div id="footer"> but keeps the article', () => {
    const html =
      '<html><body><div class="nav">首页 | 要闻</div><h1>朝阳区推进亮马河二期工程</h1><p>本报讯 朝阳区区长调研亮马河。</p><div id="footer">版权所有 京ICP备000000号</div><div class="share-bar">分享到</div></body></html>';
    const outcome = processFile({ fileName: 'a.html', bytes: new TextEncoder().encode(html) }, importOptions.parse({}));
    const text = outcome.drafts[0].text;
    expect(text).toContain('本报讯 朝阳区区长调研亮马河。');
    expect(text).not.toContain('首页');
    expect(text).not.toContain('版权所有');
    expect(text).not.toContain('分享到');
  });
});
