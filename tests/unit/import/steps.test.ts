import { describe, expect, it } from 'vitest';
import { gbEncodeChar } from '../../../shared/import/gbk';
import { normalizeText } from '../../../shared/import/normalize';
import { mapToOriginal, offsetMapProblem } from '../../../shared/import/offset-map';
import { invisibleSpaces, lineEndings, unicodeNfc } from '../../../shared/import/steps/basic';
import { stripSiteChrome } from '../../../shared/import/steps/chrome';
import { repairMojibake } from '../../../shared/import/steps/mojibake';
import { isTonedSyllable, stripPinyin } from '../../../shared/import/steps/pinyin';
import { rejoinBrokenLines } from '../../../shared/import/steps/rejoin';
import { traditionalToSimplified } from '../../../shared/import/steps/t2s';
import { readSeed } from './helpers';

const origOf = (r: { map: number[] }, input: string, start: number, end: number) => {
  const o = mapToOriginal(r.map, start, end);
  return input.slice(o.start, o.end);
};

describe('character steps', () => {
  it('NFC composes per cluster', () => {
    const input = 'lu\u0308 \uf900 𠮷';
    const r = unicodeNfc(input);
    expect(r.text).toBe('lü 豈 𠮷');
    expect(origOf(r, input, 1, 2)).toBe('u\u0308');
    expect(origOf(r, input, 3, 4)).toBe('\uf900');
    expect(origOf(r, input, 5, 7)).toBe('𠮷');
  });

  it('line endings become LF', () => {
    const input = 'a\r\nb\rc\u2028d';
    const r = lineEndings(input);
    expect(r.text).toBe('a\nb\nc\nd');
    expect(origOf(r, input, 1, 2)).toBe('\r\n');
  });

  it('drops zero-width characters and indentation, turns NBSP into a space', () => {
    const input = '\u3000\u3000第一段\u00a0内容\u200b。  \n\u00a0 第二段';
    const r = invisibleSpaces(input);
    expect(r.text).toBe('第一段 内容。\n第二段');
    expect(origOf(r, input, 3, 4)).toBe('\u00a0');
  });
});

describe('traditional → simplified', () => {
  it('converts a traditional text character for character', () => {
    const input = '時間發展,昌平區貫徹落實。乾隆年間的顯著變化。';
    const r = traditionalToSimplified(input);
    expect(r.text).toBe('时间发展,昌平区贯彻落实。乾隆年间的显著变化。');
    expect(r.text.length).toBe(input.length);
    expect(origOf(r, input, 7, 8)).toBe('區');
  });

  it('leaves 显著 alone in a simplified text but fixes a stray traditional character', () => {
    const simplified = readSeed('001');
    const input = `${simplified}\n昌平區`;
    const r = traditionalToSimplified(input);
    expect(r.text).toContain('区位优势显著');
    expect(r.text.endsWith('昌平区')).toBe(true);
  });
});

describe('pinyin annotations', () => {
  it('recognizes toned syllables only', () => {
    for (const w of ['shí', 'qū', 'lǜ', 'jiǎng', 'zhōng']) expect(isTonedSyllable(w), w).toBe(true);
    for (const w of ['shi', 'BRT', 'xyz', 'qūū', 'ab']) expect(isTonedSyllable(w), w).toBe(false);
  });

  it('removes annotations after Han characters and keeps real parentheses', () => {
    const input = '時(shí)間 區(qū) 中国(zhōng guó) 本报讯(记者 赵紫楠) 中心组(扩大) (2021) 快速公交(BRT) 攻?jiān)開放 Beijing(Běijīng)';
    const r = stripPinyin(input);
    expect(r.text).toBe('時間 區 中国 本报讯(记者 赵紫楠) 中心组(扩大) (2021) 快速公交(BRT) 攻?開放 Beijing(Běijīng)');
    expect(origOf(r, input, 0, 2)).toBe('時(shí)間');
  });
});

describe('site chrome', () => {
  it('takes chrome lines and link lists into removed', () => {
    const input = '新浪新闻 国内\n\n标题\n\n关注\n\n正文第一段。\n\n编辑/张三\n\n相关阅读\n另一篇文章\n某报客户端 2021-10-26\n最新评论';
    const r = stripSiteChrome(input);
    expect(r.text).toBe('标题\n\n正文第一段。');
    expect(r.removed?.map((x) => x.reason)).toEqual(['portal_header', 'button', 'editor', 'related_links', 'comments']);
    expect(r.removed?.[3].text).toBe('相关阅读\n另一篇文章\n某报客户端 2021-10-26');
    expect(input.slice(r.removed![3].start).startsWith('相关阅读')).toBe(true);
  });

  it('leaves ordinary short lines alone', () => {
    const input = '察看天通苑文化艺术中心\n\n记者 祁梦竹 范俊生\n\n——蔡奇';
    expect(stripSiteChrome(input).text).toBe(input);
  });
});

describe('broken lines', () => {
  it('rejoins a sentence broken across a blank line, not headlines', () => {
    const input =
      '区委常委会召开会议 研究部署重点工作\n\n孟景伟主持\n\n会议强调,要做好新时代的民族工作,持续开展“民族团结一家亲”等特色活\n\n动。深化民族团结进步创建工作。';
    const r = rejoinBrokenLines(input);
    expect(r.text).toBe(
      '区委常委会召开会议 研究部署重点工作\n\n孟景伟主持\n\n会议强调,要做好新时代的民族工作,持续开展“民族团结一家亲”等特色活动。深化民族团结进步创建工作。',
    );
  });
});

describe('byte-shifted GBK mojibake', () => {
  const encode = (s: string) => [...s].flatMap((c) => gbEncodeChar(c) ?? []);
  /** What a scraper shows when it lost the first byte of `run`: '?' + the rest decoded as GB18030. */
  const garble = (run: string) => `?${new TextDecoder('gb18030').decode(Uint8Array.from(encode(run).slice(1)))}`;

  it('repairs a run marked by the lost byte', () => {
    const run = '。“昌平安”正在把古老的祝福';
    const garbled = garble(run);
    expect(garbled.startsWith('?！安')).toBe(true);
    const input = `时间酿酒,余味成花${garbled},一笔一画镌刻为城市的发展故事。`;
    const r = repairMojibake(input);
    expect(r.text).toContain('。“昌平安”正在把古老的祝');
    const w = r.warnings?.find((x) => x.kind === 'mojibake_repaired');
    expect(w && r.text.slice(w.start, w.end)).toContain('昌平安');
    expect(offsetMapProblem(r.map, r.text.length, input.length)).toBeNull();
  });

  it('repairs a run whose fullwidth forms were folded to ASCII (NFKC)', () => {
    const garbled = garble('。“昌平安”正在把古老的祝福').normalize('NFKC');
    const r = repairMojibake(`余味成花${garbled},一笔一画`);
    expect(r.text).toContain('“昌平安”正在把古老的祝');
  });

  it('leaves real question marks and ordinary text alone', () => {
    for (const input of ['冬奥火炬手服装长啥样?北京日报客户端 2021-10-20', '您访问的链接即将离开 是否继续?', readSeed('000')]) {
      const r = repairMojibake(input);
      expect(r.text).toBe(input);
      expect(r.warnings ?? []).toEqual([]);
    }
  });
});

describe('normalizeText', () => {
  it('runs every step unless disabled and records the ones that changed something', () => {
    const input = '\u3000\u3000昌平區(qū)召開會議\r\n';
    const all = normalizeText(input);
    expect(all.text).toBe('昌平区召开会议\n');
    expect(all.steps).toEqual(['line_endings', 'invisible_spaces', 'traditional_to_simplified', 'strip_pinyin']);
    const some = normalizeText(input, { disabledSteps: ['traditional_to_simplified', 'strip_pinyin'] });
    expect(some.text).toBe('昌平區(qū)召開會議\n');
    expect(some.steps).toEqual(['line_endings', 'invisible_spaces']);
    expect(offsetMapProblem(all.offsetMap, all.text.length, input.length)).toBeNull();
  });
});
