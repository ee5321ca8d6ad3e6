import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodingFromLabel } from '../../../shared/import/encoding';
import { MAX_IMPORT_BYTES } from '../../../shared/import/pipeline';
import { importBytes, importSample, samplesDir } from './helpers';
import { big5, gb18030 } from './fuzz-files';

const sample = (name: string) => readFileSync(path.join(samplesDir, name), 'utf8');

const utf16 = (s: string, be: boolean, bom: boolean) => {
  const le = Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le');
  if (be) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(le);
};

describe('encoding detection', () => {
  const text = sample('03-daxing-report.txt');

  it('reads the GB18030 and Big5 samples', () => {
    const gb = importSample('09-daxing-report.gb18030.txt');
    expect(gb.encoding).toBe('gb18030');
    expect(gb.encodingConfidence).toBeGreaterThan(0.9);
    expect(gb.drafts[0].originalText).toBe(text);
    expect(gb.drafts[0].warnings.filter((w) => w.kind === 'encoding_guess')).toEqual([]);
    const b5 = importSample('10-tongzhou-committee.big5.txt');
    expect(b5.encoding).toBe('big5');
    expect(b5.drafts[0].originalText).toContain('區委常委會召開會議');
    expect(b5.drafts[0].text).toBe(importSample('02-tongzhou-standing-committee.txt').drafts[0].text);
  });

  it('reads UTF-16 LE and BE, with and without a BOM', () => {
    for (const be of [false, true]) {
      for (const bom of [false, true]) {
        const r = decodeBytes(utf16(text, be, bom));
        expect('error' in r ? r.error : r.encoding).toBe(be ? 'utf-16be' : 'utf-16le');
        if (!('error' in r)) expect(r.text).toBe(text);
      }
    }
  });

  it('reads UTF-8 with and without a BOM', () => {
    const plain = new TextEncoder().encode(text);
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, withBom]) {
      const r = decodeBytes(bytes);
      expect('error' in r ? r.error : [r.encoding, r.text]).toEqual(['utf-8', text]);
    }
  });

  it('tells GB18030 from Big5 in short texts', () => {
    for (const s of ['北京市昌平区', '区委常委会召开会议', '通州区', '经开区企业服务']) {
      const r = decodeBytes(gb18030(s));
      expect('error' in r ? r.error : [r.encoding, r.text], s).toEqual(['gb18030', s]);
    }
    for (const s of ['北京市昌平區', '區委常委會召開會議', '臺灣', '經濟技術開發區']) {
      const r = decodeBytes(big5(s));
      expect('error' in r ? r.error : [r.encoding, r.text], s).toEqual(['big5', s]);
    }
    const short = decodeBytes(utf16('中文', false, false));
    expect('error' in short ? short.error : short.encoding).toBe('utf-16le');
  });

  it('uses a forced encoding and reports bytes it cannot decode', () => {
    const r = decodeBytes(gb18030('北京市昌平区'), 'utf-8');
    expect('error' in r ? r.error : r.encoding).toBe('utf-8');
    if (!('error' in r)) expect(r.warnings[0].kind).toBe('decode_errors');
    const out = importBytes('a.txt', gb18030('北京市昌平区召开会议'), { encoding: 'gb18030' });
    expect([out.encoding, out.encodingConfidence, out.drafts[0].text]).toEqual(['gb18030', 1, '北京市昌平区召开会议']);
  });

  it('maps charset labels', () => {
    expect(encodingFromLabel('GBK')).toBe('gb18030');
    expect(encodingFromLabel('gb2312')).toBe('gb18030');
    expect(encodingFromLabel('UTF8')).toBe('utf-8');
    expect(encodingFromLabel('big5-hkscs')).toBe('big5');
    expect(encodingFromLabel('latin1')).toBeNull();
  });
});

describe('files rejected as a whole', () => {
  it('rejects empty, binary and oversized files with a clear message', () => {
    expect(importBytes('a.txt', new Uint8Array(0)).error).toBe('empty file');
    expect(importBytes('a.txt', '  \n\u3000\n').error).toBe('empty file');
    const binary = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0xe2, 0xe3, 0x00, 0x00, 0x01, 0x00, 0x00, 0x7f]);
    expect(importBytes('a.txt', binary).error).toBe('binary file (NUL bytes at byte 12)');
    const big = new Uint8Array(MAX_IMPORT_BYTES + 10 * 1024 * 1024);
    expect(importBytes('big.txt', big).error).toBe('file is 60 MB; the limit is 50 MB');
    expect(importBytes('scan.pdf', binary).error).toMatch(/^\.pdf files cannot be imported/);
    expect(importBytes('chrome.txt', '关注\n\n最新评论\n').error).toBe('no text left after normalization');
  });
});
