// Facts about the real seed articles (read from the corpus beside the repo, never copied here).
import { describe, expect, it } from 'vitest';
import { mapToOriginal, offsetMapProblem } from '../../../shared/import/offset-map';
import { importSeed, readSeed } from './helpers';

describe('seed 000: 识政 report with 相关阅读 chrome', () => {
  const out = importSeed('000');
  const [doc] = out.drafts;

  it('imports as one UTF-8 article with date, source, reporters and district', () => {
    expect(out.error).toBeNull();
    expect(out.encoding).toBe('utf-8');
    expect(out.drafts).toHaveLength(1);
    expect(doc.metadata.title).toBe('蔡奇调研昌平、门头沟、大兴, 要求抓好区领导班子换届');
    expect(doc.metadata.date).toBe('2021-10-13T07:37');
    expect(doc.metadata.source).toBe('识政');
    expect(doc.metadata.reporters).toEqual(expect.arrayContaining(['祁梦竹', '范俊生', '戴冰']));
    expect(doc.metadata.district).toBe('昌平区');
  });

  it('moves 相关阅读 and its link list into removed, never into the text', () => {
    expect(doc.text).not.toContain('相关阅读');
    expect(doc.text).not.toContain('微言教育微信公众号');
    expect(doc.text).not.toContain('最新评论');
    expect(doc.text).not.toContain('编辑/谭卫平');
    const related = doc.removed.find((r) => r.reason === 'related_links');
    expect(related?.text).toContain('相关阅读');
    expect(related?.text).toContain('北京冬奥会张家口赛区云顶赛场造雪啦');
    expect(doc.originalText.slice(related!.originalStart, related!.originalStart + 4)).toBe('相关阅读');
    expect(doc.removed.map((r) => r.reason)).toEqual(expect.arrayContaining(['editor', 'comments']));
    expect(doc.warnings.some((w) => w.kind === 'chrome_removed')).toBe(true);
  });

  it('keeps the article text verbatim up to the byline', () => {
    expect(doc.text.endsWith('记者 祁梦竹 范俊生 戴冰')).toBe(true);
    expect(offsetMapProblem(doc.offsetMap, doc.text.length, doc.originalText.length)).toBeNull();
  });
});

describe('seed 001: newspaper page with several articles', () => {
  const out = importSeed('001');

  it('splits into the eight articles of the page', () => {
    expect(out.drafts.map((d) => d.metadata.title)).toEqual([
      '区委常委会召开扩大会议 传达学习习近平总书记在内蒙考察重要讲话精神',
      '努力打造漕运古镇和设计小镇古今同辉特色小镇样板',
      '通州区与廊坊市北三县一体化高质量发展专题培训班开班',
      '城市副中心党工委、通州区委理论学习中心组(扩大)会暨推动乡村振兴专题报告会召开',
      '通州区开展优秀百姓宣讲团评选活动',
      '潮县镇:“敲门招商”促发展',
      '通州查获两起特种作业操作证伪造买卖案',
      '玉桥街道“楼门文化”画好基层治理同心圆',
    ]);
    expect(out.drafts.map((d) => d.metadata.reporters)).toEqual([
      ['赵紫楠'],
      ['金耀飞'],
      ['冯维静'],
      ['赵紫楠'],
      ['刘薇'],
      ['郭丽君'],
      ['冯维静'],
      ['柴福娟', '黄澳'],
    ]);
    expect(out.drafts[0].metadata.district).toBe('通州区');
    expect(out.drafts[0].metadata.externalId).toMatch(/#1$/);
  });

  it('rejoins sentences broken across blank lines', () => {
    const all = out.drafts.map((d) => d.text).join('\n');
    expect(all).toContain('特色活动。深化民族团结进步创建工作');
    expect(all).toContain('要借力多元主体优势');
    expect(all).toContain('全力解决项目推进中的难点堵点');
    expect(all).not.toMatch(/特色活\n/);
    // Headlines and subheads stay on their own lines.
    expect(out.drafts[0].text.startsWith('区委常委会召开扩大会议 传达学习习近平总书记在内蒙考察重要讲话精神\n\n孟景伟主持\n')).toBe(true);
  });

  it('keeps real parentheses and keeps 显著 (no conversion of a simplified text)', () => {
    const all = out.drafts.map((d) => d.text).join('\n');
    expect(all).toContain('本报讯(记者 赵紫楠)');
    expect(all).toContain('中心组(扩大)会');
    expect(all).toContain('各乡镇街道党委(党工委)');
    expect(all).toContain('区位优势显著');
    expect(out.drafts[0].steps).not.toContain('traditional_to_simplified');
  });

  it('gives every article the whole file as original text with an exact map', () => {
    const original = readSeed('001');
    for (const d of out.drafts) {
      expect(d.originalText).toBe(original);
      expect(offsetMapProblem(d.offsetMap, d.text.length, original.length)).toBeNull();
      const r = mapToOriginal(d.offsetMap, 0, 6);
      expect(original.slice(r.start, r.end)).toBe(d.text.slice(0, 6));
    }
    const second = out.drafts[1];
    const r = mapToOriginal(second.offsetMap, 0, second.text.length);
    expect(original.slice(r.start, r.start + 12)).toBe('郑皓到张家湾镇调研时强调');
  });

  it('warns instead of splitting when splitting is off', () => {
    const whole = importSeed('001', { splitArticles: false });
    expect(whole.drafts).toHaveLength(1);
    expect(whole.drafts[0].warnings.find((w) => w.kind === 'split_candidate')?.message).toContain('8 articles');
  });
});

describe('seed 002: traditional text with pinyin and byte-shifted GBK runs', () => {
  const out = importSeed('002');
  const [doc] = out.drafts;

  it('converts to simplified and strips pinyin annotations', () => {
    expect(doc.text).toContain('昌平区');
    expect(doc.text).not.toContain('(qū)');
    expect(doc.text).not.toContain('區');
    expect(doc.text).not.toMatch(/\((?:[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü][a-z]*)\)/);
    expect(doc.text).toContain('时间酿酒');
    expect(doc.text).toContain('中国(北京)自由贸易试验区');
    expect(doc.steps).toEqual(expect.arrayContaining(['repair_mojibake', 'traditional_to_simplified', 'strip_pinyin']));
  });

  it('repairs the byte-shifted runs it can and flags the rest', () => {
    // The first run is '?!安⑵桨病敝卣诎压爬系淖8?' for '。“昌平安”正在把古老的祝福'. The seed is not a
    // clean shift (⑵ and 卣 stand for user-defined GBK codes, 敝 for 闭), so not every character
    // comes back; the run is replaced and flagged with its garbled original.
    expect(doc.text).not.toContain('安⑵桨病敝卣');
    expect(doc.text.startsWith('时间酿酒,余味成花。“')).toBe(true);
    const first = doc.warnings.find((w) => w.kind === 'mojibake_repaired');
    expect(first?.message).toContain('?!安⑵桨病敝卣诎压爬系淖8?');
    expect(doc.text.slice(first!.start, first!.end)).toContain('平安”');
    expect(doc.text).toContain('“居庸山月”等品牌活');
    expect(doc.text).toContain('北京医药健康产业');
    const flagged = doc.warnings.filter((w) => w.kind === 'mojibake');
    expect(flagged.length).toBeGreaterThan(0);
    for (const w of [...flagged, first!]) {
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeLessThanOrEqual(doc.text.length);
    }
  });

  it('maps a converted character back to its traditional source', () => {
    const at = doc.text.indexOf('昌平区深入贯彻');
    const r = mapToOriginal(doc.offsetMap, at, at + 3);
    expect(doc.originalText.slice(r.start, r.end)).toBe('昌平區');
    const pinyinAt = doc.originalText.indexOf('區(qū)深入');
    expect(r.end).toBe(pinyinAt + 1);
  });

  it('reads title, source, reporter and district from the chrome and byline', () => {
    expect(doc.metadata.title).toBe('为书写中国式现代化北京篇章作出昌平贡献');
    expect(doc.metadata.source).toBe('北京日报');
    expect(doc.metadata.reporters).toEqual(['魏昕悦']);
    expect(doc.metadata.district).toBe('昌平区');
    expect(doc.metadata.date).toBeNull();
    expect(doc.removed.map((r) => r.reason)).toEqual(expect.arrayContaining(['original_title', 'caption', 'editor']));
  });
});

describe('seed 003: portal page with a leave-site prompt', () => {
  const [doc] = importSeed('003').drafts;
  it('removes the prompt and keeps the article', () => {
    expect(doc.text).not.toContain('您访问的链接即将离开');
    expect(doc.text).not.toContain('是否继续');
    expect(doc.text.endsWith('会议还研究审议了其他事项。')).toBe(true);
    expect(doc.removed[0].reason).toBe('leave_site_prompt');
    expect(doc.metadata.district).toBe('北京经济技术开发区');
    expect(doc.metadata.source).toBe('北京经济技术开发区');
    expect(doc.metadata.date).toBeNull(); // '1月12日' has no year
    expect(doc.text).toContain('《北京经济技术开发区关于巩固和增强经济回升向好态势的若干措施》(以下简称《若干措施》)');
  });
});

describe('seed 004: portal copy of a 新京报 report', () => {
  const [doc] = importSeed('004').drafts;
  it('reads title and source and drops the portal chrome', () => {
    expect(doc.metadata.title).toBe('蔡奇:把方向谋大事抓党建保平安');
    expect(doc.metadata.source).toBe('新京报');
    expect(doc.metadata.district).toBeNull(); // a city-level meeting naming many districts
    expect(doc.text.startsWith('蔡奇:把方向谋大事抓党建保平安\n')).toBe(true);
    expect(doc.text).not.toContain('新浪新闻');
    expect(doc.text).not.toMatch(/^关注$/m);
    expect(doc.text).not.toContain('原标题');
    expect(doc.removed.map((r) => r.reason)).toEqual(['portal_header', 'button', 'original_title']);
    expect(doc.text).toContain('[第一]\n\n把方向');
  });
});
