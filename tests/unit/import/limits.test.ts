// Bad input that used to hang or blow up memory: deep nesting, zip bombs, files too large to
// finish before the user gives up (cancel inside a file), and truncated UTF-8.
import { strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Previewer } from '../../../electron/services/import/preview';
import { decodeBytes } from '../../../shared/import/encoding';
import { extractHtml } from '../../../shared/import/formats/html';
import { MAX_DOCX_XML_BYTES } from '../../../shared/import/formats/docx';
import { MAX_SPLIT_COPIES_CHARS } from '../../../shared/import/drafts';
import { normalizeText, STEP_ORDER } from '../../../shared/import/normalize';
import { processFile } from '../../../shared/import/pipeline';
import { defaultOptions, importBytes } from './helpers';
import { docxOf } from './zip-files';

const nestedHtml = (depth: number, tag = 'div') => `<html><body>${`<${tag}>`.repeat(depth)}北京市朝阳区${`</${tag}>`.repeat(depth)}</body></html>`;
const nestedDocx = (depth: number) =>
  docxOf(`<w:document><w:body>${'<w:p>'.repeat(depth)}<w:r><w:t>北京市朝阳区</w:t></w:r>${'</w:p>'.repeat(depth)}</w:body></w:document>`);

// The old parser took 24 s (HTML) and 37 s (docx) at 200,000 levels; these bound a hang, they are not timing targets.
const HANG = 15_000;

describe('deeply nested input is read in linear time', () => {
  it(
    'HTML 200,000 levels deep, closed and unclosed',
    () => {
      expect(importBytes('deep.html', nestedHtml(200_000)).drafts[0].text).toBe('北京市朝阳区');
      expect(importBytes('open.html', `<html><body>${'<span>'.repeat(200_000)}北京市朝阳区`).drafts[0].text).toBe('北京市朝阳区');
      // Stray closing tags deep inside are misses, not searches of the whole stack.
      const stray = `<html><body>${'<b>'.repeat(100_000)}北京${'</i>'.repeat(100_000)}</body></html>`;
      expect(importBytes('stray.html', stray).drafts[0].text).toBe('北京');
    },
    HANG,
  );

  it(
    'HTML of many short text nodes',
    () => {
      const page = `<html><body><p>${'<i>北</i>'.repeat(100_000)}</p></body></html>`;
      expect(extractHtml(page).text).toBe('北'.repeat(100_000));
    },
    HANG,
  );

  it(
    '.docx 200,000 levels deep',
    () => {
      const out = importBytes('deep.docx', nestedDocx(200_000));
      expect([out.error, out.drafts[0].text]).toEqual([null, '北京市朝阳区']);
    },
    HANG,
  );

  it('keeps the HTML rules of the old parser: implied closes, void and self-closing tags, stray </p>', () => {
    const page = '<html><body><p>一<p>二<div>三</div>四<br>五</br>六<img/>七</p><ul><li>八<li>九</ul></body></html>';
    expect(importBytes('rules.html', page, { disabledSteps: ['rejoin_broken_lines'] }).drafts[0].text).toBe('一\n二\n三\n四\n五\n六七\n八\n九');
  });
});

describe('.docx size limits', () => {
  it('refuses a document.xml that declares more than the limit, naming the entry and the limit', () => {
    const bomb = docxOf(new Uint8Array(MAX_DOCX_XML_BYTES + 1024).fill(0x20));
    expect(bomb.length).toBeLessThan(1_000_000);
    expect(importBytes('bomb.docx', bomb).error).toBe('not imported: word/document.xml unzips to more than 50 MB, the limit for one file');
  });

  it('refuses one that lies about its size, without unzipping it all', () => {
    const bomb = docxOf(new Uint8Array(MAX_DOCX_XML_BYTES + (1 << 20)).fill(0x20), 1024);
    expect(importBytes('liar.docx', bomb).error).toBe('not imported: word/document.xml unzips to more than 50 MB, the limit for one file');
  });

  it('names a damaged entry instead of throwing', () => {
    const good = nestedDocx(3);
    const cut = good.slice();
    cut.fill(0xff, 40, 60); // inside the compressed data of the first entry
    const out = importBytes('cut.docx', cut);
    expect(out.drafts.length > 0 || /not (a valid \.docx|imported)/.test(out.error ?? '')).toBe(true);
    expect(importBytes('half.docx', good.slice(0, good.length >> 1)).error).toMatch(/not a valid \.docx/);
  });
});

describe('cancel inside one file', () => {
  const files: [string, Uint8Array | string][] = [
    ['deep.html', nestedHtml(50_000)],
    ['deep.docx', nestedDocx(50_000)],
    ['many.jsonl', Array.from({ length: 5000 }, (_, i) => JSON.stringify({ text: `第${i}条新闻。北京市朝阳区。` })).join('\n')],
    ['many.csv', `text,date\n${Array.from({ length: 5000 }, (_, i) => `第${i}条新闻,2024-01-01`).join('\n')}`],
    ['long.txt', '北京市朝阳区召开会议。\n'.repeat(20_000)],
  ];
  for (const [name, data] of files) {
    it(`stops ${name} part way through when the check throws`, () => {
      const bytes = typeof data === 'string' ? strToU8(data) : data;
      const stop = new Error('cancelled by the test');
      let calls = 0;
      const checkCancelled = () => {
        if (++calls === 3) throw stop;
      };
      expect(() => processFile({ fileName: name, bytes }, defaultOptions, { checkCancelled })).toThrow(stop);
      expect(calls).toBe(3);
    });
  }
});

describe('cancel inside one normalization step', () => {
  it('is checked every few thousand lines by the slow steps, not only between steps', () => {
    let calls = 0;
    const text = '區委常委會召開會議。\n'.repeat(40_000);
    normalizeText(text, { checkCancelled: () => void calls++ });
    // One check before each step, and more inside mojibake repair and traditional → simplified.
    expect(calls).toBeGreaterThan(STEP_ORDER.length + 10);
  });
});

describe("cancel inside one file, through the worker's previewer", () => {
  it("passes the worker's cancel check into the pipeline, so one big file stops part way", () => {
    const stop = new Error('cancelled by the test');
    let calls = 0;
    const previewer = new Previewer(null, defaultOptions, () => {
      if (++calls === 3) throw stop;
    });
    const input = { kind: 'bytes' as const, fileName: 'deep.html', dataBase64: Buffer.from(nestedHtml(50_000)).toString('base64') };
    expect(() => previewer.preview(input, 0, null)).toThrow(stop);
  });
});

describe('truncated UTF-8', () => {
  const chinese = fc
    .array(
      fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }) }, { weight: 1, arbitrary: fc.constantFrom(0x3002, 0xff0c, 0x20, 0x0a, 0x31) }),
      { minLength: 1, maxLength: 200 },
    )
    .map((codes) => String.fromCodePoint(...codes));

  it('is detected as UTF-8 wherever the file is cut, with odd or even byte counts', () => {
    fc.assert(
      fc.property(chinese, fc.nat(), (text, at) => {
        const bytes = strToU8(text);
        const cut = bytes.subarray(0, 1 + (at % bytes.length));
        const out = decodeBytes(cut);
        expect('error' in out ? out.error : out.encoding).toBe('utf-8');
      }),
      { seed: 17, numRuns: 500 },
    );
  });

  it('says the file ends in the middle of a character', () => {
    const bytes = strToU8('{"text":"北京市朝阳区召开会议"}\n{"text":"海淀区');
    const out = decodeBytes(bytes.subarray(0, bytes.length - 1));
    if ('error' in out) throw new Error(out.error);
    expect(out.encoding).toBe('utf-8');
    expect(out.text.endsWith('海淀\ufffd')).toBe(true);
    expect(out.warnings.map((w) => w.message).join()).toMatch(/ends in the middle of a character/);
  });

  it('reads the complete lines of a truncated JSONL file and names the cut line', () => {
    const bytes = strToU8('{"text":"北京市朝阳区召开会议。"}\n{"text":"海淀区召开会议。"}');
    const out = importBytes('cut.jsonl', bytes.subarray(0, bytes.length - 4));
    expect(out.encoding).toBe('utf-8');
    expect(out.drafts.map((d) => d.text)).toEqual(['北京市朝阳区召开会议。']);
    expect(out.problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/line 2 is not valid JSON/) })]);
  });

  it('a truncated UTF-16 file with an odd byte count is still UTF-16', () => {
    const le = new Uint8Array(Buffer.from('Beijing, Chaoyang: 北京市朝阳区召集会议', 'utf16le'));
    const out = decodeBytes(le.subarray(0, le.length - 1));
    expect('error' in out ? out.error : out.encoding).toBe('utf-16le');
  });
});

describe('damaged UTF-8', () => {
  const han = fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 40, maxLength: 300 }).map((codes) => String.fromCodePoint(...codes));

  it('stays UTF-8 when a few bits are flipped, with a warning, instead of turning into UTF-16 or GB18030 nonsense', () => {
    fc.assert(
      fc.property(han, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 2 }), (text, flips) => {
        const bytes = strToU8(JSON.stringify({ text }));
        for (const [at, bit] of flips) bytes[at % bytes.length] ^= 1 << bit;
        fc.pre(!bytes.includes(0));
        const out = decodeBytes(bytes);
        expect('error' in out ? out.error : out.encoding).toBe('utf-8');
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe('a large page of many articles', () => {
  it(
    'stays one document with a warning instead of copying the whole file into every article',
    () => {
      const article = (i: number) => `区委召开第${i}次会议\n本报讯（记者 赵紫楠）${'北京市朝阳区召开会议，部署基层治理重点任务。'.repeat(20)}\n\n`;
      const block = Array.from({ length: 5 }, (_, i) => article(i)).join('');
      expect(importBytes('page.txt', block).drafts).toHaveLength(5);
      // k blocks: 5k articles, each keeping k·|block| characters of original.
      const k = Math.ceil(Math.sqrt(MAX_SPLIT_COPIES_CHARS / (5 * block.length))) + 1;
      const big = block.repeat(k);
      const out = importBytes('big-page.txt', big);
      expect(out.drafts).toHaveLength(1);
      expect(out.drafts[0].warnings.map((w) => w.message).join()).toMatch(/looks like \d+ articles but is too large to split/);
    },
    HANG,
  );
});
