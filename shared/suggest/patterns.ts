// Patterns (#22, source 3): JavaScript regular expressions (u flag) whose whole match, or the
// group named `span` when there is one, is proposed with the pattern's label. A pattern's hits do
// not overlap each other (a global scan); empty matches propose nothing.
import type { SuggestionRef } from '../api/suggestions';

/** A pattern proposing more than this in one document is cut there (a pattern like `.` would flood the reader). */
export const MOST_HITS_PER_PATTERN = 5_000;

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; error: string };

/** Compiles a pattern's source; the problem as a sentence naming it when it is not a valid regex. */
export function compilePattern(source: string): CompiledPattern {
  if (source.length === 0) return { ok: false, error: 'The pattern is empty' };
  try {
    const regex = new RegExp(source, 'gud');
    if (regex.test('')) return { ok: false, error: `The pattern /${source}/ matches the empty text, so it would propose nothing (use + instead of *)` };
    return { ok: true, regex };
  } catch (error) {
    // V8 says e.g. "Invalid regular expression: /(/u: Unterminated group".
    return { ok: false, error: `Not a valid regular expression: ${(error as Error).message}` };
  }
}

export interface PatternHit {
  start: number;
  end: number;
}

/** The pattern's hits in the text, in order (a fresh scan: the regex's lastIndex is reset). */
export function patternHits(regex: RegExp, text: string, most = MOST_HITS_PER_PATTERN): PatternHit[] {
  const hits: PatternHit[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const place = match.indices?.groups?.span ?? match.indices?.[0];
    if (place && place[1] > place[0]) hits.push({ start: place[0], end: place[1] });
    if (hits.length >= most) break;
  }
  regex.lastIndex = 0;
  return hits;
}

export interface PatternForText {
  id: number;
  regex: RegExp;
  labelId: number;
}

export function patternSuggestions(patterns: readonly PatternForText[], text: string): SuggestionRef[] {
  const out: SuggestionRef[] = [];
  for (const pattern of patterns) {
    for (const hit of patternHits(pattern.regex, text)) {
      out.push({ ...hit, labelId: pattern.labelId, source: 'pattern', sourceId: String(pattern.id), confidence: 1 });
    }
  }
  return out;
}

export interface BuiltInPattern {
  /** Stable name of the shipped pattern (kept when the user edits it). */
  key: string;
  name: string;
  regex: string;
  labelKey: string;
}

/**
 * Words that end the text before a project's name (verbs such as 推进, 调研; joining words such as
 * 和, 的): a name starts after one and never contains one, so 调研 … or 殷勇要求加快 … is not swallowed.
 */
const NAME_BREAKERS =
  '[和与及的对在将把要]|推进|加快|建设|推动|实施|开展|启动|调研|落实|完成|打造|规划|新建|改造|要求|强调|指出|提出|表示|参加|参观|考察|视察|检查|了解|听取|重点|重大|一批';
const NUMERAL = '[一二两三四五六七八九十]';
// Clause ends: Chinese and ASCII punctuation (the samples mix them), quotes, line breaks and spaces.
const STOP = '，。；！？：、,;!?:\\s“”';

/**
 * Shipped with every project (editable, can be disabled). Slogans keep their quotes, as the demo
 * labels “一网通办”. Heuristics: they propose, the coder decides.
 */
export const BUILT_IN_PATTERNS: readonly BuiltInPattern[] = [
  { key: 'quoted-slogan', name: '引号中的口号 Quoted slogan', regex: '“[^“”\\n]{2,12}”', labelKey: 'SLOGAN' },
  {
    key: 'numbered-formula',
    name: '数字提法 Numbered formula',
    // 四个意识, 两个维护, 四个自信 (a numeral, 个 and two characters ending the phrase) and 三大三强.
    regex: `“?${NUMERAL}{1,2}个\\p{Script=Han}{2}(?!\\p{Script=Han})”?|“?${NUMERAL}大${NUMERAL}[强新大优]”?`,
    labelKey: 'SLOGAN',
  },
  {
    key: 'target-deadline',
    name: '目标：到20XX年 Target by a year',
    regex: `到20\\d{2}年(?:底|末)?[^${STOP}]{2,40}`,
    labelKey: 'TARGET',
  },
  { key: 'target-strive', name: '目标：力争 Target: strive to', regex: `力争[^${STOP}]{2,40}`, labelKey: 'TARGET' },
  {
    key: 'target-figure',
    name: '目标：达到/提高到 N Target figure',
    regex: `(?<=^|[${STOP}])[^${STOP}]{0,30}?(?:达到|提高到|提升到|增长|突破)\\d+(?:\\.\\d+)?(?:%|％|亿元|万元|万人|个百分点)`,
    labelKey: 'TARGET',
  },
  {
    key: 'project-name',
    name: '项目名称 Project name',
    regex: `(?<=^|[^\\p{Script=Han}]|${NAME_BREAKERS})(?:(?!${NAME_BREAKERS})[\\p{Script=Han}A-Za-z0-9·]){2,12}?(?:工程|示范区|公园|项目)`,
    labelKey: 'PROJECT',
  },
];
