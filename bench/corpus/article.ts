// One synthetic district-news article: title, metadata and body text with its spans (PERSON,
// SLOGAN, PROJECT, TARGET), including nested and crossing spans as annotators really make them.
import type { Rng } from './rng';
import { DISTRICTS, MEETINGS, ROLES, SOURCES, TARGET_UNITS, TOPICS, VERB_PHRASES, personName, projectName, sloganText, targetNumber } from './vocab';

export type LabelKey = 'PERSON' | 'SLOGAN' | 'PROJECT' | 'TARGET';

export interface GenSpan {
  start: number;
  end: number;
  label: LabelKey;
  attributes?: Record<string, string>;
}

export interface Article {
  id: string;
  title: string;
  date: string;
  source: string;
  district: string;
  reporters: string[];
  /** Paragraphs joined by '\n'. */
  text: string;
  spans: GenSpan[];
}

class Builder {
  text = '';
  spans: GenSpan[] = [];
  add(s: string): void {
    this.text += s;
  }
  mark(label: LabelKey, inner: () => void, attributes?: Record<string, string>): GenSpan {
    const start = this.text.length;
    inner();
    const span: GenSpan = { start, end: this.text.length, label, ...(attributes ? { attributes } : {}) };
    this.spans.push(span);
    return span;
  }
  markText(label: LabelKey, s: string, attributes?: Record<string, string>): GenSpan {
    return this.mark(label, () => this.add(s), attributes);
  }
}

interface Cast {
  district: string;
  people: { name: string; role: string }[];
  projects: string[];
  slogan: string;
  topic: string;
  year: number;
  /** Extra nesting and overlap, for the dense reader document. */
  dense: boolean;
}

function person(b: Builder, rng: Rng, c: Cast, withRole = true): void {
  const p = rng.pick(c.people);
  if (!withRole) {
    b.markText('PERSON', p.name, { role: p.role });
    return;
  }
  // Annotators often tag "role + name" and the bare name both: a nested pair.
  if (c.dense || rng.chance(0.25)) {
    b.mark(
      'PERSON',
      () => {
        b.add(p.role);
        b.markText('PERSON', p.name);
      },
      { role: p.role },
    );
  } else {
    b.add(p.role);
    b.markText('PERSON', p.name, { role: p.role });
  }
}

function slogan(b: Builder, rng: Rng, c: Cast): void {
  const s = rng.chance(0.5) ? c.slogan : sloganText(rng);
  b.mark('SLOGAN', () => b.add(`“${s}”`));
}

function project(b: Builder, rng: Rng, c: Cast): void {
  b.markText('PROJECT', rng.pick(c.projects), { district: c.district });
}

function target(b: Builder, rng: Rng, c: Cast): void {
  const [what, unit] = rng.pick(TARGET_UNITS);
  const value = targetNumber(rng, unit);
  const deadline = `${c.year + rng.int(0, 3)}年`;
  b.add(`到${deadline}底,`);
  b.mark(
    'TARGET',
    () => {
      if (c.dense || rng.chance(0.3)) {
        b.add('依托');
        project(b, rng, c); // a project nested inside the target
        b.add(',');
      }
      b.add(`${what}${value}${unit}`);
    },
    { value, unit, deadline },
  );
}

type Sentence = (b: Builder, rng: Rng, c: Cast) => void;

/** A target that runs into the slogan after it: a crossing (not nested) overlap. */
const crossing: Sentence = (b, r, c) => {
  const t = b.text.length;
  b.add('力争');
  target(b, r, c);
  b.add(',');
  const mid = b.text.length - 1;
  slogan(b, r, c);
  b.add('。');
  if (c.dense || r.chance(0.2)) b.spans.push({ start: t, end: Math.min(b.text.length - 1, mid + 4), label: 'TARGET' });
};

const SENTENCES: Sentence[] = [
  (b, r, c) => {
    b.add(`${r.int(1, 12)}月${r.int(1, 28)}日,`);
    person(b, r, c);
    b.add(`到${c.district}调研${c.topic}工作。`);
  },
  (b, r, c) => {
    person(b, r, c, false);
    b.add('先后来到');
    project(b, r, c);
    b.add('、');
    project(b, r, c);
    b.add(`,察看项目建设进展,听取相关情况汇报。`);
  },
  (b, r, c) => {
    b.add('他强调,要坚持');
    slogan(b, r, c);
    b.add(`,${r.pick(VERB_PHRASES)},${r.pick(VERB_PHRASES)}。`);
  },
  (b, r, c) => {
    person(b, r, c);
    b.add(`主持召开${r.pick(MEETINGS)},研究部署${r.pick(TOPICS)}等事项。`);
  },
  (b, r, c) => {
    b.add('会议指出,');
    b.add(`${c.district}`);
    target(b, r, c);
    b.add(`,各部门要${r.pick(VERB_PHRASES)}。`);
  },
  (b, r, c) => {
    b.add('会议强调,要深入实施');
    slogan(b, r, c);
    b.add(',加快推进');
    project(b, r, c);
    b.add(`建设,${r.pick(VERB_PHRASES)}。`);
  },
  (b, r, c) => {
    b.add('区政府工作报告提出,');
    target(b, r, c);
    b.add(';');
    target(b, r, c);
    b.add('。');
  },
  (b, r, c) => {
    person(b, r, c);
    b.add('、');
    person(b, r, c);
    b.add('参加调研。');
  },
  (b, r, c) => {
    b.add(`在${c.district}`);
    project(b, r, c);
    b.add('施工现场,');
    person(b, r, c, false);
    b.add(`详细询问工程进度和${r.pick(['安全措施', '资金保障', '群众诉求', '配套设施'])}。`);
  },
  (b, r, c) => {
    b.add(`据了解,该项目总投资约${r.int(3, 90)}亿元,`);
    b.add(`建成后将${r.pick(VERB_PHRASES)}。`);
  },
  (b, r, c) => {
    b.add(`${r.pick(['会议要求', '他要求', '她指出', '调研中指出'])},要把`);
    slogan(b, r, c);
    b.add(`落到实处,${r.pick(VERB_PHRASES)},${r.pick(VERB_PHRASES)}。`);
  },
  crossing,
];

/** Background sentences without spans; the dense reader document leaves them out. */
const FILLERS: Sentence[] = [
  (b, r, c) => {
    b.add(`今年以来,${c.district}聚焦${c.topic},${r.pick(VERB_PHRASES)},各项工作取得积极成效。`);
  },
  (b, r, c) => {
    b.add(`近年来,${c.district}坚持${r.pick(VERB_PHRASES)},累计解决群众反映的${r.pick(TOPICS)}问题${r.int(100, 9000)}件,群众满意率稳步提升。`);
  },
  (b, r) => {
    b.add(`现场,工作人员介绍了${r.pick(TOPICS)}的总体安排和下一步工作计划,并就${r.pick(TOPICS)}中遇到的困难作了说明。`);
  },
  (b, r, c) => {
    b.add(`与会人员围绕${c.topic}进行了交流讨论,大家一致认为,要${r.pick(VERB_PHRASES)},以钉钉子精神${r.pick(VERB_PHRASES)}。`);
  },
  (b, r) => {
    b.add(`下一步,相关部门将进一步${r.pick(VERB_PHRASES)},加强监督检查,及时向社会公开工作进展,主动接受群众监督。`);
  },
];

const ALL_SENTENCES = [...SENTENCES, ...FILLERS];

function dateOf(rng: Rng): { iso: string; year: number } {
  const year = rng.int(2018, 2025);
  const iso = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  return { iso, year };
}

function titleOf(rng: Rng, c: Cast): string {
  const p = c.people[0];
  switch (rng.int(0, 3)) {
    case 0:
      return `${p.name}到${c.district}调研${c.topic}工作`;
    case 1:
      return `${c.district}召开${rng.pick(MEETINGS)} 部署${c.topic}`;
    case 2:
      return `${c.district}发布${c.year}年重点工作任务清单`;
    default:
      return `坚持“${c.slogan}” ${c.district}推进${c.topic}`;
  }
}

export interface ArticleOptions {
  /** Approximate body length in UTF-16 units. */
  length: number;
  dense?: boolean;
  /** Keeps this many spans (chosen at random) when the text produced more. */
  spanCount?: number;
}

/** Drops spans at random down to `count`, keeping their order. */
function subsample(rng: Rng, spans: GenSpan[], count: number): GenSpan[] {
  if (spans.length <= count) return spans;
  const keep = spans
    .map((s, i) => ({ i, k: rng.next() }))
    .sort((a, b) => a.k - b.k)
    .slice(0, count)
    .map((x) => x.i)
    .sort((a, b) => a - b);
  return keep.map((i) => spans[i]);
}

export function makeArticle(rng: Rng, serial: number, options: ArticleOptions): Article {
  const { iso, year } = dateOf(rng);
  const people = Array.from({ length: rng.int(2, 5) }, () => ({ name: personName(rng), role: rng.pick(ROLES) }));
  const cast: Cast = {
    district: rng.pick(DISTRICTS),
    people,
    projects: Array.from({ length: rng.int(2, 6) }, () => projectName(rng)),
    slogan: sloganText(rng),
    topic: rng.pick(TOPICS),
    year,
    dense: options.dense ?? false,
  };
  const b = new Builder();
  // A serial number in the first line keeps every text unique (the project refuses duplicates).
  b.add(`【第${serial}期】`);
  while (b.text.length < options.length) {
    const sentences = rng.int(2, 6);
    for (let i = 0; i < sentences; i++) rng.pick(cast.dense ? SENTENCES : ALL_SENTENCES)(b, rng, cast);
    b.add('\n');
  }
  const text = b.text.replace(/\n$/, '');
  const all = b.spans.filter((s) => s.end <= text.length && s.end > s.start).sort((x, y) => x.start - y.start || x.end - y.end);
  const spans = options.spanCount === undefined ? all : subsample(rng, all, options.spanCount);
  return {
    id: `bench-${serial}`,
    title: titleOf(rng, cast),
    date: iso,
    source: rng.pick(SOURCES),
    district: cast.district,
    reporters: rng.chance(0.6) ? [personName(rng)] : [],
    text,
    spans,
  };
}
