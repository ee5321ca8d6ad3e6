// Worker-side, inside the import's transaction (#23): links imported spans to entities — matched by
// name and label, or created — and re-points the file's relations to the new span ids. A relation
// type the project lacks is created from the relation's two labels and reported, and a relation whose
// labels are not its type's pair is imported and reported (naming the document): nothing is lost.
import type { DraftEntity, DraftRelation, ImportReport } from '../../../shared/api/import';
import type { EntityFields } from '../../../shared/api/entities';
import { setFields } from '../../../shared/exchange/entities';
import { coded } from '../../../shared/exchange/problems';
import type { DraftSpan } from '../../../shared/exchange/types';
import type { Db } from '../db/connection';
import {
  addEntityAliases,
  documentTitle,
  entityNamed,
  fillEntity,
  hasEntityExchangeTables,
  insertImportedEntity,
  insertImportedRelation,
  insertImportedRelationType,
  linkSpanToEntity,
  relationTypeRule,
} from '../db/entity-exchange';

interface TypeRule {
  id: number;
  fromLabelKey: string;
  toLabelKey: string;
}

export class EntityImport {
  private readonly entities = new Map<string, number>();
  private readonly types = new Map<string, TypeRule>();
  private readonly enabled: boolean;

  constructor(
    private readonly db: Db,
    private readonly labelId: (key: string) => number,
    private readonly annotatorId: (name: string | undefined) => number,
    private readonly report: ImportReport,
    private readonly now: string,
  ) {
    this.enabled = hasEntityExchangeTables(db);
  }

  /**
   * One imported document: `spans[i]` was stored as `ids[i]`; `alias` names, by a skipped duplicate
   * span's ref, the span that was kept in its place.
   */
  addDocument(
    fileName: string,
    documentId: number,
    spans: readonly DraftSpan[],
    ids: readonly number[],
    relations: readonly DraftRelation[] = [],
    alias = new Map<string, number>(),
  ): void {
    if (!this.enabled) return;
    const idOfRef = new Map(alias);
    const labelOf = new Map<number, string>();
    spans.forEach((span, i) => {
      const id = ids[i]!;
      labelOf.set(id, span.label);
      if (span.ref !== undefined) idOfRef.set(span.ref, id);
      if (span.entity) linkSpanToEntity(this.db, id, this.entityId(span.entity));
    });
    for (const r of relations) {
      const [fromId, toId] = [idOfRef.get(r.from), idOfRef.get(r.to)];
      // The parsers kept only relations whose spans the draft has; a span merged into its duplicate may meet itself.
      if (fromId === undefined || toId === undefined || fromId === toId) continue;
      const typeId = this.typeId(r, labelOf.get(fromId)!, labelOf.get(toId)!, fileName, documentId);
      const inserted = insertImportedRelation(this.db, {
        documentId,
        typeId,
        fromId,
        toId,
        annotatorId: this.annotatorId(r.annotator),
        reviewState: r.reviewState ?? 'pending',
        createdAt: r.createdAt ?? this.now,
      });
      if (inserted) this.report.relationsImported = (this.report.relationsImported ?? 0) + 1;
    }
  }

  /** A file's entity table: each entity matched or created, whether a span links it or not. */
  addTable(table: readonly DraftEntity[] | undefined): void {
    if (this.enabled) for (const entity of table ?? []) this.entityId(entity);
  }

  /** The project's entity of this name and label, its empty fields, note and aliases filled from the file; or a new one. */
  private entityId(entity: DraftEntity): number {
    const key = `${entity.label}\u0000${entity.name}`;
    const cached = this.entities.get(key);
    if (cached !== undefined) return cached;
    const labelId = this.labelId(entity.label);
    const fields = setFields(entity.fields);
    const existing = entityNamed(this.db, labelId, entity.name);
    let id: number;
    if (existing) {
      id = existing.id;
      const kept = JSON.parse(existing.fieldsJson) as EntityFields;
      fillEntity(this.db, id, setFields({ ...fields, ...setFields(kept) }), existing.note || entity.note || '', this.now);
      this.report.entitiesMatched = (this.report.entitiesMatched ?? 0) + 1;
    } else {
      id = insertImportedEntity(this.db, labelId, entity.name, fields, entity.note ?? '', this.now);
      this.report.entitiesCreated = (this.report.entitiesCreated ?? 0) + 1;
    }
    addEntityAliases(
      this.db,
      id,
      (entity.aliases ?? []).filter((a) => a !== entity.name),
    );
    this.entities.set(key, id);
    return id;
  }

  /** The relation's type (created from its labels when the project lacks it); reports a type or label pair outside the schema. */
  private typeId(r: DraftRelation, fromLabel: string, toLabel: string, fileName: string, documentId: number): number {
    const at = { fileName, ...(r.line === undefined ? {} : { line: r.line }) };
    let type = this.types.get(r.type) ?? relationTypeRule(this.db, r.type);
    if (type === null) {
      type = { id: insertImportedRelationType(this.db, r.type, fromLabel, toLabel, this.now), fromLabelKey: fromLabel, toLabelKey: toLabel };
      const params = { type: r.type, from: fromLabel, to: toLabel };
      this.report.rejected.push({
        ...at,
        ...coded('relation_type_unknown', `relation type ${r.type} was not in the project: created as ${fromLabel}→${toLabel}`, params),
      });
    }
    this.types.set(r.type, type);
    if (type.fromLabelKey !== fromLabel || type.toLabelKey !== toLabel) {
      const document = documentTitle(this.db, documentId);
      const params = { type: r.type, from: fromLabel, to: toLabel, allowedFrom: type.fromLabelKey, allowedTo: type.toLabelKey, document };
      const message = `relation ${r.type} from ${fromLabel} to ${toLabel} in “${document}”: the type goes from ${type.fromLabelKey} to ${type.toLabelKey}; imported as it is`;
      this.report.rejected.push({ ...at, ...coded('relation_label_pair_not_allowed', message, params) });
    }
    return type.id;
  }
}
