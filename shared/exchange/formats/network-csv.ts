// Two CSVs for network analysis (#23), written like the mentions CSV (UTF-8 with a BOM, CRLF rows,
// RFC 4180 quoting). Export only: they hold no document text.
//
// entities CSV: one row per entity of the project's table — id, name, label, aliases (a JSON list),
// its fields, note, and its mentions, documents and first/last date among the exported documents
// (0 and empty when none is exported).
//
// relations CSV, an edge list: one row per relation — `source` and `target` are node names: a
// linked span's entity name (with "#<id>" when two entities share the name), an unlinked span's
// own text; `source_kind`/`target_kind` say which ('entity' or 'mention'), the entity ids and the
// mentions themselves follow. Gephi reads source/target as they are; NetworkX's
// from_pandas_edgelist(df, 'source', 'target', edge_attr=True, create_using=nx.MultiDiGraph).
import { csvField } from './mentions-csv';
import { writtenRelations } from '../entities';
import { resolveDocument } from '../common';
import { coded } from '../problems';
import type { ExchangeFile, ExportContext, ExportEntity, Exporter, ParseResult } from '../types';

export const ENTITIES_CSV_HEADER = [
  'entity_id',
  'name',
  'label',
  'aliases',
  'role',
  'organization',
  'district',
  'note',
  'mentions',
  'documents',
  'first_date',
  'last_date',
] as const;

export const RELATIONS_CSV_HEADER = [
  'source',
  'relation',
  'target',
  'document_id',
  'date',
  'news_source',
  'district',
  'source_kind',
  'target_kind',
  'source_entity_id',
  'target_entity_id',
  'source_label',
  'target_label',
  'source_mention',
  'target_mention',
  'review_state',
  'relation_id',
] as const;

const row = (fields: (string | number | null)[]): string => `${fields.map(csvField).join(',')}\r\n`;
const header = (names: readonly string[]) => `\ufeff${names.join(',')}\r\n`;

interface Tally {
  mentions: number;
  documents: number;
  lastDocument: number;
  first: string | null;
  last: string | null;
}
const tallies = new WeakMap<ExportContext, Map<number, Tally>>();

export const entitiesCsvExporter: Exporter = {
  format: 'entities-csv',
  extension: '.csv',
  layout: 'file',
  spanDetails: 'none',
  entities: true,
  begin(ctx) {
    tallies.set(ctx, new Map());
    return [{ path: '', text: header(ENTITIES_CSV_HEADER) }];
  },
  document(doc, ctx) {
    let counts = tallies.get(ctx);
    if (!counts) tallies.set(ctx, (counts = new Map()));
    const { spans, drops } = resolveDocument(doc, ctx);
    const date = doc.metadata.date;
    for (const { span } of spans) {
      if (span.entityId === undefined) continue;
      let t = counts.get(span.entityId);
      if (!t) counts.set(span.entityId, (t = { mentions: 0, documents: 0, lastDocument: -1, first: null, last: null }));
      t.mentions++;
      if (t.lastDocument !== doc.id) {
        t.lastDocument = doc.id;
        t.documents++;
      }
      if (date) {
        if (t.first === null || date < t.first) t.first = date;
        if (t.last === null || date > t.last) t.last = date;
      }
    }
    return { chunks: [], dropped: drops.list() };
  },
  end(ctx) {
    const counts = tallies.get(ctx) ?? new Map<number, Tally>();
    tallies.delete(ctx);
    const entities = [...(ctx.entities?.values() ?? [])].sort((a, b) => a.id - b.id);
    const text = entities
      .map((e) => {
        const t = counts.get(e.id);
        const f = e.fields;
        return row([
          e.id,
          e.name,
          e.label,
          JSON.stringify(e.aliases),
          f.role ?? '',
          f.organization ?? '',
          f.district ?? '',
          e.note,
          t?.mentions ?? 0,
          t?.documents ?? 0,
          t?.first ?? '',
          t?.last ?? '',
        ]);
      })
      .join('');
    return text ? [{ path: '', text }] : [];
  },
};

/** Node names of entities: the name, or "name#id" where two entities share it. */
const nodeNames = new WeakMap<ExportContext, Map<number, string>>();
function entityNodeNames(ctx: ExportContext): Map<number, string> {
  let names = nodeNames.get(ctx);
  if (names) return names;
  const all: ExportEntity[] = [...(ctx.entities?.values() ?? [])];
  const count = new Map<string, number>();
  for (const e of all) count.set(e.name, (count.get(e.name) ?? 0) + 1);
  names = new Map(all.map((e) => [e.id, count.get(e.name)! > 1 ? `${e.name}#${e.id}` : e.name]));
  nodeNames.set(ctx, names);
  return names;
}

export const relationsCsvExporter: Exporter = {
  format: 'relations-csv',
  extension: '.csv',
  layout: 'file',
  spanDetails: 'none',
  entities: true,
  begin(ctx) {
    nodeNames.delete(ctx);
    return [{ path: '', text: header(RELATIONS_CSV_HEADER) }];
  },
  document(doc, ctx) {
    const { text, spans, drops } = resolveDocument(doc, ctx);
    const names = entityNodeNames(ctx);
    const byId = new Map(spans.map((s) => [s.span.id, s]));
    const m = doc.metadata;
    const lines = writtenRelations(doc, byId.keys()).map((r) => {
      const ends = [byId.get(r.fromId)!, byId.get(r.toId)!].map(({ span, start, end }) => {
        const mention = text.slice(start, end);
        const entity = span.entityId === undefined ? undefined : names.get(span.entityId);
        return entity === undefined
          ? { node: mention, kind: 'mention', entityId: '', label: span.label, mention }
          : { node: entity, kind: 'entity', entityId: String(span.entityId), label: span.label, mention };
      });
      const [s, t] = ends as [(typeof ends)[0], (typeof ends)[0]];
      return row([
        s.node,
        r.type,
        t.node,
        doc.id,
        m.date,
        m.source,
        m.district,
        s.kind,
        t.kind,
        s.entityId,
        t.entityId,
        s.label,
        t.label,
        s.mention,
        t.mention,
        r.reviewState,
        r.id,
      ]);
    });
    return { chunks: lines.length ? [{ path: '', text: lines.join('') }] : [], dropped: drops.list() };
  },
  end(ctx) {
    nodeNames.delete(ctx);
    return [];
  },
};

export function parseNetworkCsv(file: ExchangeFile, out: ParseResult): void {
  out.problems.push({
    file: file.name,
    ...coded(
      'csv_not_importable',
      'an entities or relations CSV holds counts, not the documents’ text, so it cannot be imported; import Biaozhu JSONL instead',
    ),
  });
}
