// A fixed, varied project for the export golden test: hand-written documents that reach every
// corner the formats treat specially (astral characters, line breaks inside and at the edges of
// spans, whitespace-only spans, overlaps, JSON and CSV escapes, a normalized text with its own
// offset map, notes, every review state and origin) and a few hundred generated ones, so the
// export crosses batch boundaries and reuses attribute sets and times. Everything is written
// through the db modules with fixed values: the same project, span ids included, every run.
import { createHash } from 'node:crypto';
import { insertDocumentAnnotations, type AnnotationRecord } from '../../../electron/services/db/annotations';
import type { Db } from '../../../electron/services/db/connection';
import { insertDocument } from '../../../electron/services/db/documents';
import { insertLabel, listLabels } from '../../../electron/services/db/labels';
import { ensureAnnotator } from '../../../electron/services/db/meta';
import type { ExportDocument, ExportSpan } from '../../../shared/exchange/index';
import { mapToOriginal } from '../../../shared/import/offset-map';
import type { DocumentStatus } from '../../../shared/model';

interface FixtureSpan {
  start: number;
  end: number;
  label: string;
  annotator?: string;
  origin?: 'manual' | 'suggested';
  reviewState?: 'pending' | 'accepted' | 'rejected';
  attributes?: Record<string, string>;
  note?: string;
  createdAt?: string;
  updatedAt?: string;
}

interface FixtureDocument {
  title: string;
  text: string;
  originalText?: string;
  offsetMap?: number[];
  status: DocumentStatus;
  note?: string;
  date?: string | null;
  source?: string | null;
  district?: string | null;
  url?: string | null;
  reporters?: string[];
  externalId?: string | null;
  spans: FixtureSpan[];
}

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-02T09:30:00.000Z';

/** [start, end) of the nth occurrence of `mention`. */
function at(text: string, mention: string, nth = 0): { start: number; end: number } {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = text.indexOf(mention, from + 1);
    if (from < 0) throw new Error(`"${mention}" not in the fixture text`);
  }
  return { start: from, end: from + mention.length };
}

const DEMO = '区委书记王明远在回龙观调研“智慧社区”建设。\n镇长李𠮷华😀提出“绿色\n发展”目标，落实“𠮷祥工程”！';
const ESCAPES = '引号"与反斜杠\\，制表\t符和控制\x01字符；\r\n回车换行后“口号”，\u2028分隔\u3000全角空格。  两个空格 ';
// Normalized from the original: a full-width space and a pinyin gloss removed, traditional
// characters simplified, a final 。 added (an empty range of the original).
const NORMALIZED = '区委书记王明远在回龙观调研';
const ORIGINAL = '区委书记　王明远(wáng)在回龍觀调研';
const NORMALIZED_TEXT = `${NORMALIZED}。`;
const NORMALIZED_MAP = [0, 4, 0, 4, 4, 0, 4, 1, 4, 3, 5, 3, 7, 0, 8, 6, 7, 6, 14, 6, 13, 1, 20, 0];

function handWritten(): FixtureDocument[] {
  return [
    {
      title: '示例 "一"',
      text: DEMO,
      status: 'done',
      note: '文档备注，含"引号"\n与换行',
      reporters: ['记者甲', '记者乙'],
      externalId: 'ext-1',
      url: 'http://example.org/a?b=1&c=2',
      spans: [
        { ...at(DEMO, '王明远'), label: 'PERSON', attributes: { role: '区委书记', level: 'a b,c|d:%20' }, note: '职务是“区委书记”，"引号", 逗号\n第二行' },
        { ...at(DEMO, '区委书记王明远'), label: 'PERSON', annotator: '李', reviewState: 'accepted' },
        { ...at(DEMO, '智慧社区'), label: 'PROJECT', attributes: { district: '海淀' } },
        { ...at(DEMO, '李𠮷华'), label: 'PERSON', attributes: { role: '镇长' }, origin: 'suggested', reviewState: 'accepted', updatedAt: T1 },
        { ...at(DEMO, '绿色\n发展'), label: 'SLOGAN', reviewState: 'rejected' },
        { ...at(DEMO, '“绿色\n发展”目标'), label: 'TARGET', attributes: { value: '10', unit: '%' } },
        { ...at(DEMO, '𠮷祥工程'), label: 'PROJECT', origin: 'suggested' },
        { ...at(DEMO, '\n镇长'), label: 'PERSON', note: 'edge break' },
        { ...at(DEMO, '😀'), label: 'EVENT TYPE' },
      ],
    },
    {
      title: 'escapes, 逗号',
      text: ESCAPES,
      status: 'reviewed',
      date: null,
      source: '来源,"带引号"',
      district: null,
      spans: [
        { ...at(ESCAPES, '引号"与反斜杠\\'), label: 'SLOGAN', attributes: { note: 'tab\there "q" \\ back' } },
        { ...at(ESCAPES, '\r\n'), label: 'PERSON' },
        { ...at(ESCAPES, '  '), label: 'TARGET' },
        { ...at(ESCAPES, '口号'), label: 'SLOGAN', reviewState: 'accepted', annotator: 'wang li' },
        { ...at(ESCAPES, '“口号”'), label: 'SLOGAN', reviewState: 'rejected' },
        { ...at(ESCAPES, '控制\x01字符'), label: 'PROJECT', note: 'ctl\x01' },
      ],
    },
    {
      title: '归一化',
      text: NORMALIZED_TEXT,
      originalText: ORIGINAL,
      offsetMap: NORMALIZED_MAP,
      status: 'in_progress',
      spans: [
        { ...at(NORMALIZED_TEXT, '区委书记王明远'), label: 'PERSON', createdAt: T1, updatedAt: T1 },
        { ...at(NORMALIZED_TEXT, '王明远'), label: 'PERSON', reviewState: 'accepted' },
        { ...at(NORMALIZED_TEXT, '回龙观'), label: 'PROJECT', attributes: { district: '昌平' } },
        { ...at(NORMALIZED_TEXT, '。'), label: 'TARGET' },
      ],
    },
    { title: '无标注', text: '今天没有任何标注的一篇短文。', status: 'todo', spans: [] },
    {
      title: '待办',
      text: '待办文档里的张三。',
      status: 'todo',
      spans: [{ ...at('待办文档里的张三。', '张三'), label: 'PERSON', reviewState: 'rejected' }],
    },
  ];
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['北京市', '朝阳区', '委书记', '调研', '未来科学城', '强调', '“四个意识”', '。', '！', '\n', '𠮷', '😀', ' ', '，', '"', 'a,b', '区'];
const ATTRIBUTE_POOL: Record<string, string>[] = [
  {},
  {},
  { role: '书记' },
  { role: '区长' },
  { value: '5', unit: '亿元' },
  { district: '海淀' },
  { role: 'a b' },
];
const LABELS = ['PERSON', 'SLOGAN', 'PROJECT', 'TARGET'];
const STATUSES: DocumentStatus[] = ['todo', 'in_progress', 'done', 'reviewed'];
const TIMES = ['2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z', '2024-03-03T12:00:00.000Z'];

function generated(count: number): FixtureDocument[] {
  const next = random(19);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, n) => {
    const text = `第${n}篇：${Array.from({ length: 6 + Math.floor(next() * 20) }, () => pick(PIECES)).join('')}`;
    // Code-point boundaries, so no span splits a surrogate pair.
    const edges = [0];
    for (const c of text) edges.push(edges[edges.length - 1]! + c.length);
    const spans = Array.from({ length: Math.floor(next() * 7) }, (): FixtureSpan => {
      const a = Math.floor(next() * edges.length);
      const b = Math.floor(next() * edges.length);
      const [s, e] = a < b ? [a, b] : b < a ? [b, a] : [a, Math.min(a + 1, edges.length - 1)];
      const createdAt = pick(TIMES);
      return {
        start: edges[s === e ? Math.max(0, s - 1) : s]!,
        end: edges[e]!,
        label: pick(LABELS),
        annotator: pick(['lin', '李', 'wang li']),
        origin: next() < 0.2 ? 'suggested' : 'manual',
        reviewState: pick(['pending', 'pending', 'accepted', 'rejected'] as const),
        attributes: pick(ATTRIBUTE_POOL),
        note: next() < 0.1 ? `注 ${n}` : undefined,
        createdAt,
        updatedAt: next() < 0.3 ? pick(TIMES) : createdAt,
      };
    });
    return {
      title: `生成 ${n}`,
      text,
      status: pick(STATUSES),
      date: `2024-0${1 + (n % 9)}-1${n % 10}`,
      source: pick(['朝阳报', '海淀融媒', null]),
      district: pick(['朝阳', null]),
      spans: spans.filter((span) => span.end > span.start),
    };
  });
}

/** Fills an empty project (labels as a new project has them) with the fixture. */
export function buildGoldenProject(db: Db, generatedCount = 260): void {
  insertLabel(db, { key: 'EVENT TYPE', nameZh: '事件 类型', nameEn: 'Event type', color: '#888888', hotkey: null, attributes: [] });
  const labelIds = new Map(listLabels(db).map((l) => [l.key, l.id]));
  db.transaction(() => {
    for (const fixture of [...handWritten(), ...generated(generatedCount)]) {
      const text = fixture.text;
      const originalText = fixture.originalText ?? text;
      const id = insertDocument(db, {
        draft: {
          metadata: {
            title: fixture.title,
            date: fixture.date === undefined ? '2024-05-01' : fixture.date,
            source: fixture.source === undefined ? '示例区融媒体中心' : fixture.source,
            district: fixture.district === undefined ? '示例区' : fixture.district,
            url: fixture.url ?? null,
            reporters: fixture.reporters ?? [],
            externalId: fixture.externalId ?? null,
          },
          originalText,
          text,
          offsetMap: fixture.offsetMap ?? [0, text.length, 0, originalText.length],
          steps: [],
          warnings: [],
          removed: [],
          spans: [],
          status: fixture.status,
          note: fixture.note,
        },
        fileName: `${fixture.title}.txt`,
        rawSha256: null,
        encoding: 'utf-8',
        textSha256: createHash('sha256').update(text).digest('hex'),
      });
      if (id === null) throw new Error(`duplicate fixture text: ${fixture.title}`);
      const records: AnnotationRecord[] = fixture.spans.map((span) => ({
        documentId: id,
        start: span.start,
        end: span.end,
        labelId: labelIds.get(span.label)!,
        annotatorId: ensureAnnotator(db, span.annotator ?? 'lin'),
        origin: span.origin ?? 'manual',
        reviewState: span.reviewState ?? 'pending',
        attributes: span.attributes ?? {},
        note: span.note,
        createdAt: span.createdAt ?? T0,
        updatedAt: span.updatedAt ?? span.createdAt ?? T0,
      }));
      insertDocumentAnnotations(db, id, records);
    }
  })();
}

/**
 * The fixture as in-memory export documents, as a fresh project numbers them (documents and spans
 * from 1 in insertion order), for exportToStrings.
 */
export function goldenDocuments(generatedCount = 260): ExportDocument[] {
  let spanId = 0;
  return [...handWritten(), ...generated(generatedCount)].map((fixture, n): ExportDocument => {
    const originalText = fixture.originalText ?? fixture.text;
    const offsetMap = fixture.offsetMap ?? [0, fixture.text.length, 0, originalText.length];
    const doc: ExportDocument = {
      id: n + 1,
      metadata: {
        title: fixture.title,
        date: fixture.date === undefined ? '2024-05-01' : fixture.date,
        source: fixture.source === undefined ? '示例区融媒体中心' : fixture.source,
        district: fixture.district === undefined ? '示例区' : fixture.district,
        url: fixture.url ?? null,
        reporters: fixture.reporters ?? [],
        externalId: fixture.externalId ?? null,
      },
      status: fixture.status,
      text: fixture.text,
      originalText,
      offsetMap: fixture.offsetMap,
      split: (['train', 'dev', 'test'] as const)[n % 3],
      spans: fixture.spans.map((span): ExportSpan => {
        const source = mapToOriginal(offsetMap, span.start, span.end);
        return {
          id: ++spanId,
          start: span.start,
          end: span.end,
          label: span.label,
          attributes: span.attributes ?? {},
          annotator: span.annotator ?? 'lin',
          origin: span.origin ?? 'manual',
          reviewState: span.reviewState ?? 'pending',
          createdAt: span.createdAt ?? T0,
          updatedAt: span.updatedAt ?? span.createdAt ?? T0,
          sourceStart: source.start,
          sourceEnd: source.end,
          ...(span.note ? { note: span.note } : {}),
        };
      }),
    };
    if (fixture.note) doc.note = fixture.note;
    return doc;
  });
}
