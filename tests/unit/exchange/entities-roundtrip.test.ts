// Property tests (#23): random documents with random entity links and relations → export →
// parseExchange → the same links (entity name and label, and in Biaozhu JSONL the whole entity
// table entry), the same relations (type and the two spans), nothing reported.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DocumentDraft } from '../../../shared/api/import';
import { exportToStrings, parseExchange, type ExportDocument, type ExportEntity } from '../../../shared/exchange';
import { ctx, docsArb, LABELS } from './fixtures';

const RUNS = { numRuns: 100 };
const TYPES = ['提出', '调研', '部署', '属于'];
const NAME_PIECES = ['蔡', '奇', '王', '明', '远', '𠮷', ' ', 'a', '“', '两个维护', ',', '%', '|', ':'];
const nameArb = fc
  .array(fc.constantFrom(...NAME_PIECES), { minLength: 1, maxLength: 4 })
  .map((p) => p.join('').trim())
  .filter((n) => n !== '');

const entityArb = (id: number) =>
  fc.record({
    id: fc.constant(id),
    label: fc.constantFrom(...LABELS),
    name: nameArb.map((n) => `${n}${id}`), // names are unique within a label: matching on import finds this one
    aliases: fc.uniqueArray(nameArb, { maxLength: 3 }).map((a) => a.sort()),
    fields: fc.record({ role: fc.constantFrom('市委书记', 'a b', ''), district: fc.constantFrom('东城区', '') }),
    note: fc.constantFrom('', '注：同一人', 'x\ty'),
  });

/** Documents whose spans link to entities of their label (or not), with random relations between their spans. */
const corpusArb = docsArb({ attributes: true }).chain((docs) =>
  fc
    .tuple(
      fc.tuple(...Array.from({ length: 6 }, (_, i) => entityArb(i + 1))),
      fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(3), fc.constantFrom('pending', 'accepted', 'rejected' as const)), { maxLength: 12 }),
    )
    .map(([entityList, picks, pairs]) => {
      const entities = new Map<number, ExportEntity>(
        entityList.map((e) => [e.id, { ...e, fields: Object.fromEntries(Object.entries(e.fields).filter(([, v]) => v)) }]),
      );
      let p = 0;
      let relationId = 1;
      const out: ExportDocument[] = docs.map((d) => {
        const spans = d.spans.map((s) => {
          const candidates = entityList.filter((e) => e.label === s.label);
          const pick = picks[p++ % picks.length]!;
          return candidates.length && pick % 3 !== 0 ? { ...s, entityId: candidates[pick % candidates.length]!.id } : s;
        });
        const seen = new Set<string>();
        const relations =
          spans.length < 2
            ? []
            : pairs.flatMap(([a, b, t, reviewState]) => {
                const from = spans[a % spans.length]!;
                const to = spans[b % spans.length]!;
                const key = `${from.id} ${t} ${to.id}`;
                if (from.id === to.id || seen.has(key)) return [];
                seen.add(key);
                return [
                  { id: relationId++, type: TYPES[t]!, fromId: from.id, toId: to.id, annotator: 'lin', reviewState, createdAt: '2024-05-01T08:00:00.000Z' },
                ];
              });
        return { ...d, spans, relations };
      });
      return { docs: out, entities };
    }),
);

type SpanLike = { start: number; end: number; label: string };
const place = (s: SpanLike) => `${s.start}:${s.end}:${s.label}`;

/** Links as sorted "span → entity" strings; `whole`: the entity's aliases, fields and note too. */
function exportedLinks(doc: ExportDocument, entities: Map<number, ExportEntity>, whole: boolean, kept: (s: SpanLike) => SpanLike | null = (s) => s) {
  return doc.spans
    .flatMap((s) => {
      const at = kept(s);
      const e = s.entityId === undefined ? undefined : entities.get(s.entityId);
      if (!at || !e) return [];
      return [`${place(at)} → ${e.label}/${e.name}${whole ? ` ${JSON.stringify([e.aliases, e.fields, e.note])}` : ''}`];
    })
    .sort();
}
const draftLinks = (draft: DocumentDraft, whole: boolean) =>
  draft.spans
    .flatMap((s) =>
      s.entity
        ? [
            `${place(s)} → ${s.entity.label}/${s.entity.name}${whole ? ` ${JSON.stringify([s.entity.aliases ?? [], s.entity.fields ?? {}, s.entity.note ?? ''])}` : ''}`,
          ]
        : [],
    )
    .sort();

/** Relations as sorted "from -type-> to" strings by span place; `review`: with annotator and review state. */
function exportedRelations(doc: ExportDocument, review: boolean, kept: (s: SpanLike) => SpanLike | null = (s) => s) {
  const byId = new Map(doc.spans.map((s) => [s.id, kept(s)]));
  return (doc.relations ?? [])
    .flatMap((r) => {
      const [from, to] = [byId.get(r.fromId), byId.get(r.toId)];
      return from && to ? [`${place(from)} -${r.type}-> ${place(to)}${review ? ` ${r.annotator} ${r.reviewState}` : ''}`] : [];
    })
    .sort();
}
function draftRelations(draft: DocumentDraft, review: boolean) {
  const byRef = new Map(draft.spans.map((s) => [s.ref, s]));
  return (draft.relations ?? [])
    .map((r) => `${place(byRef.get(r.from)!)} -${r.type}-> ${place(byRef.get(r.to)!)}${review ? ` ${r.annotator} ${r.reviewState}` : ''}`)
    .sort();
}

function roundTrip(format: 'biaozhu-jsonl' | 'brat' | 'label-studio', docs: ExportDocument[], entities: Map<number, ExportEntity>) {
  const { files } = exportToStrings(format, docs, { ...ctx(), entities });
  return parseExchange(
    format,
    [...files].map(([name, text]) => ({ name: name || 'export', text })),
  );
}

const BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** A span as brat writes it: line breaks at its edges trimmed, null when only line breaks. */
function bratKept(text: string) {
  return (s: SpanLike): SpanLike | null => {
    let { start, end } = s;
    while (start < end && BREAK.test(text[start]!)) start++;
    while (end > start && BREAK.test(text[end - 1]!)) end--;
    return start === end ? null : { start, end, label: s.label };
  };
}

describe('entities and relations round trip', () => {
  test('Biaozhu JSONL: every link with its whole entity, every relation with annotator and review state', () => {
    fc.assert(
      fc.property(corpusArb, ({ docs, entities }) => {
        const { drafts, problems } = roundTrip('biaozhu-jsonl', docs, entities);
        expect(problems).toEqual([]);
        expect(drafts).toHaveLength(docs.length);
        drafts.forEach((draft, i) => {
          expect(draftLinks(draft, true)).toEqual(exportedLinks(docs[i]!, entities, true));
          expect(draftRelations(draft, true)).toEqual(exportedRelations(docs[i]!, true));
        });
        // The whole entity table, linked or not, comes with the file's first document.
        const table = (e: { name: string; label: string; aliases?: string[]; fields?: object; note?: string }) =>
          JSON.stringify([e.label, e.name, e.aliases ?? [], e.fields ?? {}, e.note ?? '']);
        expect((drafts[0]!.entityTable ?? []).map(table).sort()).toEqual([...entities.values()].map(table).sort());
      }),
      RUNS,
    );
  });

  test('brat: N lines carry each link to its entity, R lines each relation', () => {
    fc.assert(
      fc.property(corpusArb, ({ docs, entities }) => {
        const { drafts, problems } = roundTrip('brat', docs, entities);
        expect(problems).toEqual([]);
        drafts.forEach((draft, i) => {
          const kept = bratKept(docs[i]!.text);
          expect(draftLinks(draft, false)).toEqual(exportedLinks(docs[i]!, entities, false, kept));
          expect(draftRelations(draft, false)).toEqual(exportedRelations(docs[i]!, false, kept));
        });
      }),
      RUNS,
    );
  });

  test('Label Studio: relation results between the label regions, and each link', () => {
    fc.assert(
      fc.property(corpusArb, ({ docs, entities }) => {
        const { drafts, problems } = roundTrip('label-studio', docs, entities);
        expect(problems).toEqual([]);
        drafts.forEach((draft, i) => {
          expect(draftLinks(draft, false)).toEqual(exportedLinks(docs[i]!, entities, false));
          expect(draftRelations(draft, false)).toEqual(exportedRelations(docs[i]!, false));
        });
      }),
      RUNS,
    );
  });

  test('an export without entities or relations writes what it always did', () => {
    const plain = (d: ExportDocument): ExportDocument => ({ ...d, spans: d.spans.map(({ entityId: _, ...s }) => s), relations: [] });
    fc.assert(
      fc.property(corpusArb, ({ docs }) => {
        for (const format of ['biaozhu-jsonl', 'brat', 'label-studio'] as const) {
          const a = exportToStrings(format, docs.map(plain), ctx()).files;
          const b = exportToStrings(format, docs.map(plain), { ...ctx(), entities: new Map() }).files;
          expect(b).toEqual(a);
          expect([...a.values()].join('')).not.toMatch(/biaozhu_entities|"relation"|\tReference /);
        }
      }),
      { numRuns: 30 },
    );
  });
});
