// Metadata read from the normalized text (and the chrome removed from it): title, date, source
// outlet, reporters and the Beijing district the article is most about.
import type { RemovedBlock } from '../model';

export const OUTLETS = [
  '新京报',
  '北京日报',
  '北京晚报',
  '北京青年报',
  '北京商报',
  '京报网',
  '千龙网',
  '北京日报客户端',
  '北京青年报客户端',
  '人民日报',
  '人民网',
  '新华社',
  '新华网',
  '央视新闻',
  '央视网',
  '中国新闻网',
  '中新网',
  '光明日报',
  '经济日报',
  '中国青年报',
  '法治日报',
  '工人日报',
  '中国日报',
  '环球时报',
  '识政',
  '长安街知事',
  '北京发布',
  '首都之窗',
  '北京城市副中心报',
  '北京经济技术开发区',
  '北京亦庄',
  '澎湃新闻',
  '学习强国',
  '北京广播电视台',
  '北京卫视',
];

const DISTRICTS: [string, string[]][] = [
  ['东城区', ['东城区', '东城']],
  ['西城区', ['西城区', '西城(?!大妈)']],
  ['朝阳区', ['朝阳区', '朝阳(?!群众|产业|行业)']],
  ['海淀区', ['海淀区', '海淀']],
  ['丰台区', ['丰台区', '丰台']],
  ['石景山区', ['石景山区', '石景山']],
  ['门头沟区', ['门头沟区', '门头沟']],
  ['房山区', ['房山区', '房山']],
  ['通州区', ['通州区', '通州', '城市副中心', '副中心']],
  ['顺义区', ['顺义区', '顺义']],
  ['昌平区', ['昌平区', '昌平']],
  ['大兴区', ['大兴区', '大兴(?!安岭)']],
  ['怀柔区', ['怀柔区', '怀柔']],
  ['平谷区', ['平谷区', '平谷']],
  ['密云区', ['密云区', '密云']],
  ['延庆区', ['延庆区', '延庆']],
  ['北京经济技术开发区', ['北京经济技术开发区', '经济技术开发区', '北京经开区', '经开区', '亦庄']],
];
const ALIAS_TO_DISTRICT = new Map<string, string>();
const districtPattern = DISTRICTS.flatMap(([name, aliases]) =>
  aliases.map((a) => {
    ALIAS_TO_DISTRICT.set(a.replace(/\(.*$/, ''), name);
    return a;
  }),
).sort((a, b) => b.replace(/\(.*$/, '').length - a.replace(/\(.*$/, '').length);
const DISTRICT_RE = new RegExp(districtPattern.join('|'), 'g');

const FULL_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]*(\d{1,2})[:：](\d{2}))?/;
const SENTENCE_END = /[。！？!?；;][”’"」』)）]?$/;
const ROLE = /记者|通讯员|实习|摄影|编辑|撰文|来源/;

/** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm' from a date found in s, or null. */
export function parseDate(s: string): string | null {
  const m = FULL_DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const pad = (n: number | string) => String(n).padStart(2, '0');
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (m[4] !== undefined && Number(m[4]) < 24 && Number(m[5]) < 60) return `${date}T${pad(m[4])}:${m[5]}`;
  return date;
}

const isOutletDateLine = (line: string) => /^\S{2,14}\s+\d{4}[-/年]\d{1,2}/.test(line);
const isBodyLine = (line: string) => SENTENCE_END.test(line) || line.length > 100 || /^本报讯|^\(?记者/.test(line);

/** A cleaned outlet name: '北京日??' (characters lost to mojibake) → '北京日报' when unambiguous. */
function cleanOutlet(raw: string): string | null {
  const bad = raw.search(/[?？\ufffd]/);
  const name = (bad >= 0 ? raw.slice(0, bad) : raw).replace(/[,，。:：]+$/, '').trim();
  if (name.length < 2) return null;
  if (bad < 0) return name;
  const known = OUTLETS.filter((o) => o.startsWith(name)).sort((a, b) => a.length - b.length)[0];
  return known ?? name;
}

export interface ExtractedMetadata {
  title: string;
  date: string | null;
  source: string | null;
  district: string | null;
  reporters: string[];
}

/** knownTitle: a title the format gave (JSONL field, HTML <h1>); it counts for the district too. */
export function extractMetadata(text: string, removed: RemovedBlock[], fallbackTitle: string, knownTitle?: string): ExtractedMetadata {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const header = lines.slice(0, 6);
  return {
    title: findTitle(lines, removed) ?? fallbackTitle,
    date: findDate(lines, header),
    source: findSource(text, header, removed),
    district: findDistrict(knownTitle && !text.startsWith(knownTitle) ? `${knownTitle}\n${text}` : text),
    reporters: findReporters(lines),
  };
}

function findTitle(lines: string[], removed: RemovedBlock[]): string | null {
  for (const r of removed) {
    const m = /原标题[:：]\s*(.+?)[)）]?$/.exec(r.text);
    if (m) return m[1].trim();
  }
  const candidates: string[] = [];
  for (const line of lines) {
    if (isBodyLine(line)) break;
    if (isOutletDateLine(line) || OUTLETS.includes(line) || ROLE.test(line) || parseDate(line) === line) continue;
    candidates.push(line);
  }
  if (candidates.length) return candidates.reduce((a, c) => (c.length > a.length ? c : a));
  const first = lines[0];
  return first ? (first.length > 40 ? `${first.slice(0, 40)}…` : first) : null;
}

function findDate(lines: string[], header: string[]): string | null {
  for (const line of header) {
    const d = parseDate(line);
    if (d && line.length <= 60 && !isBodyLine(line)) return d;
  }
  // A lead that opens with a full date ('2024年1月12日上午,…'); dates later in the body are
  // deadlines and anniversaries as often as publication dates, so they are not used.
  const lead = lines.find(isBodyLine);
  const opening = lead && /^(?:本报讯[(（][^)）]*[)）])?\s*(\d{4}年\d{1,2}月\d{1,2}日)/.exec(lead);
  if (opening) return parseDate(opening[1]);
  for (const line of lines) {
    const m = /(发布时间|发布日期|日期|时间)[:：]\s*(.{8,30})/.exec(line);
    const d = m && parseDate(m[2]);
    if (d) return d;
  }
  return null;
}

function findSource(text: string, header: string[], removed: RemovedBlock[]): string | null {
  for (const line of header) {
    const m = /^(\S{2,14})\s+\d{4}[-/年]\d{1,2}/.exec(line);
    if (m) return cleanOutlet(m[1]);
  }
  const from = /来源[:：]\s*([^\s　|｜]{2,20})/.exec(text);
  if (from) return cleanOutlet(from[1]);
  const lone = header.find((l) => OUTLETS.includes(l));
  if (lone) return lone;
  for (const r of removed) {
    const m = /离开[“"]([^”"]{2,20})[”"]/.exec(r.text);
    if (m) return m[1];
  }
  return null;
}

/**
 * The district most mentioned, when it is clearly the subject: named early (title, lead) at least
 * twice, or holding half of all district mentions. City-level reports naming many districts get null.
 */
function findDistrict(text: string): string | null {
  const counts = new Map<string, { n: number; first: number }>();
  let total = 0;
  for (const m of text.matchAll(DISTRICT_RE)) {
    const name = ALIAS_TO_DISTRICT.get(m[0]);
    if (!name) continue;
    const c = counts.get(name) ?? { n: 0, first: m.index };
    c.n++;
    counts.set(name, c);
    total++;
  }
  let best: string | null = null;
  let top = { n: 0, first: Infinity };
  for (const [name, c] of counts) if (c.n > top.n || (c.n === top.n && c.first < top.first)) [best, top] = [name, c];
  if (!best) return null;
  return (top.n >= 2 && top.first < 200) || (top.n >= 3 && top.n * 2 >= total) ? best : null;
}

const NAME = /^[\u4e00-\u9fa5·]{2,4}$/;

function namesAfterRoles(s: string): string[] {
  const out: string[] = [];
  const re = /(?:(?:本报|实习)*(?:记者|通讯员)\s*[:：]?|(?:撰文|摄影|文|摄)\s*[:：/／])\s*((?:[\u4e00-\u9fa5·]{2,4}(?:[\s、,，]+|$))+)/g;
  for (const m of s.matchAll(re)) {
    for (const token of m[1].split(/[\s、,，]+/)) if (NAME.test(token) && !ROLE.test(token)) out.push(token);
  }
  return out;
}

function findReporters(lines: string[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(/[(（]\s*((?:本报|实习)*(?:记者|通讯员)[^)）]{2,40})[)）]/g)) found.push(...namesAfterRoles(m[1]));
    // Byline lines: short, made of role words and names ('记者 祁梦竹 范俊生', '来源:北京日报 文/魏昕悦').
    if (line.length <= 40 && /^(?:本报|实习)*(?:记者|通讯员)|(?:^|\s)文[/／]|^来源[:：]/.test(line)) {
      found.push(...namesAfterRoles(line.replace(/^来源[:：]\s*\S+\s*/, '')));
    }
  }
  return [...new Set(found)];
}
