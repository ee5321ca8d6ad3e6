// Site chrome: portal headers, follow/share buttons, editor lines, 原标题, related-reading link
// lists, comment headers and leave-site prompts. Whole lines are taken out into `removed`, never
// dropped, together with the blank lines after them.
import { MapBuilder } from '../offset-map';
import type { StepRemoval, StepResult } from './types';

const RULES: [RegExp, string][] = [
  [/^(相关阅读|相关新闻|相关链接|相关报道|延伸阅读|推荐阅读|热点推荐|更多精彩|猜你喜欢|热门推荐)[:：]?$/, 'related_links'],
  [/^(最新评论|热门评论|网友评论|我要评论|发表评论|查看评论|全部评论|评论)(\s*[(（]?\d*[)）]?)?$/, 'comments'],
  [/^(新浪|搜狐|网易|腾讯|凤凰|今日头条|百度)(新闻|网|号)?(\s+\S{1,6})?$/, 'portal_header'],
  [
    /^[+＋]?(关注|已关注|\+关注|分享|分享到[:：]?|收藏|点赞|打印|关闭|关闭窗口|返回|返回顶部|扫一扫|举报|打开APP|打开App|下载客户端|字号[:：]?\s*大\s*中\s*小|[【\[]\s*大\s*中\s*小\s*[】\]])$/,
    'button',
  ],
  [/^[(（]?原标题[:：].{1,100}$/, 'original_title'],
  [/^(责任编辑|流程编辑|值班编辑|编辑|审核|校对|监制|统筹|终审|初审|制作)\s*[:：/／]\s*\S{0,20}$/, 'editor'],
  [/^(关键词|关键字|标签)[:：]/, 'keywords'],
  [/(您访问的链接即将离开|即将离开本站|即将离开.{1,30}(网站|门户)|是否继续访问)/, 'leave_site_prompt'],
  [/^[【\[(（]?(资料图|资料图片|图片来源[:：].{0,20}|图源[:：].{0,20})[】\])）]?$/, 'caption'],
];

const DATE_LINE = /^\S.{0,30}\s\d{4}-\d{1,2}-\d{1,2}(\s\d{1,2}:\d{2})?$/;

interface Line {
  start: number;
  end: number;
  text: string;
}

export function stripSiteChrome(text: string): StepResult {
  const lines: Line[] = [];
  let pos = 0;
  for (const t of text.split('\n')) {
    lines.push({ start: pos, end: pos + t.length, text: t.trim() });
    pos += t.length + 1;
  }
  const cut: { from: number; to: number; reason: string }[] = [];
  const nextNonBlank = (i: number) => {
    while (i < lines.length && !lines[i].text) i++;
    return i;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text;
    if (!line || line.length > 200) continue;
    const rule = RULES.find(([re]) => re.test(line));
    if (!rule) continue;
    let last = i;
    if (rule[1] === 'related_links') {
      // The link list: title lines each followed by an 'outlet YYYY-MM-DD' line.
      for (let j = nextNonBlank(i + 1); j < lines.length; j = nextNonBlank(j + 1)) {
        const t = lines[j].text;
        const after = nextNonBlank(j + 1);
        if (DATE_LINE.test(t)) last = j;
        else if (t.length <= 60 && after < lines.length && DATE_LINE.test(lines[after].text)) last = j;
        else break;
      }
    }
    cut.push({ from: i, to: last, reason: rule[1] });
    i = last;
  }
  const ranges = cut.map((c) => {
    // Take the line break and the blank lines after the block too, so no gap is left.
    const stop = nextNonBlank(c.to + 1);
    return { ...c, start: lines[c.from].start, end: stop < lines.length ? lines[stop].start : text.length };
  });
  // Blocks that run on to the end of the text take the line breaks before them instead.
  let tail = ranges.length;
  while (tail > 0 && ranges[tail - 1].end === (tail < ranges.length ? ranges[tail].start : text.length)) tail--;
  const b = new MapBuilder(text);
  const removed: StepRemoval[] = [];
  let copied = 0;
  ranges.forEach((r, i) => {
    let from = r.start;
    if (i === tail) while (from > copied && /\s/.test(text[from - 1])) from--;
    b.copy(copied, from);
    removed.push({ reason: r.reason, text: text.slice(r.start, lines[r.to].end), start: r.start });
    copied = Math.max(from, r.end);
  });
  b.copy(copied, text.length);
  return { ...b.finish(), removed };
}
