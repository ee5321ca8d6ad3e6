// Entities and relations (#23): spans linked to a corpus-wide entity table (蔡奇, 市委书记蔡奇 and
// 蔡奇同志 are one person), and typed, directed relations between two spans of a document
// (提出 PERSON→SLOGAN …; the four defaults are in every project). A title kept on a linked mention is
// the span's `role` attribute. Relations live in their document's undo history; a span's delete
// takes its relations with it and undo brings both back.
import { z } from 'zod';
import { REVIEW_STATES, type Annotation, type ReviewState } from '../model';
import type { HistoryState } from './annotations';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(10_000);
const entityName = z.string().trim().min(1).max(200);
const fieldValue = z.string().trim().max(200);

/** The optional fields of an entity; '' or absent = not set. */
export const entityFields = z.object({ role: fieldValue.optional(), organization: fieldValue.optional(), district: fieldValue.optional() }).strict();
export type EntityFields = z.infer<typeof entityFields>;
export const ENTITY_FIELDS = ['role', 'organization', 'district'] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

/** Entity panel orders: mention count, name (Unicode order), first and last mention date. */
export const ENTITY_SORTS = ['mentions', 'name', 'first', 'last'] as const;
export type EntitySort = (typeof ENTITY_SORTS)[number];

const relationTypeKey = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s]+$/u, 'a relation type key has no spaces');

const relationTypeInput = z
  .object({
    /** Stable name used by exports (提出, or e.g. PROPOSED); unique. */
    key: relationTypeKey,
    /** Display name ('' = the key). */
    name: z.string().trim().max(200).default(''),
    /**
     * The allowed label pair, by label key (as gazetteers and patterns name labels: the type survives a
     * label's re-creation): a relation of this type goes from a span of this label to a span of that one.
     */
    fromLabelKey: z.string().min(1).max(100),
    toLabelKey: z.string().min(1).max(100),
  })
  .strict();

export const entitiesInputs = {
  /** One page of the entity panel. `query` matches a name or alias containing it. */
  'entities:list': z
    .object({
      labelId: id.optional(),
      query: z.string().trim().max(200).optional(),
      sort: z.enum(ENTITY_SORTS).default('mentions'),
      direction: z.enum(['asc', 'desc']).default('desc'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  /** One entity with its mentions (date order), paged. */
  'entities:get': z.object({ id, mentionOffset: z.number().int().min(0).default(0), mentionLimit: z.number().int().min(1).max(5000).default(500) }).strict(),
  /** A new entity; `annotationIds` are linked to it at once (one undo step per document, as entities:link). */
  'entities:create': z
    .object({
      labelId: id,
      name: entityName,
      aliases: z.array(entityName).max(1000).optional(),
      fields: entityFields.optional(),
      note: z.string().max(5000).optional(),
      annotationIds: ids.optional(),
      /** Kept as the linked spans' `role` attribute (the title in 市委书记蔡奇). */
      role: fieldValue.optional(),
    })
    .strict(),
  /** Rename, replace the aliases, set fields (a field given as '' is cleared) or the note. */
  'entities:update': z
    .object({
      id,
      name: entityName.optional(),
      aliases: z.array(entityName).max(1000).optional(),
      fields: entityFields.optional(),
      note: z.string().max(5000).optional(),
    })
    .strict(),
  /**
   * Merges `from` into `into`: their mentions and aliases (and names, as aliases) move; they are deleted.
   * Fields set differently on two of them fail with 'conflict' (details.conflicts) unless `resolve` gives the value to keep.
   */
  'entities:merge': z.object({ into: id, from: ids, resolve: entityFields.optional() }).strict(),
  /** Moves the chosen mentions of an entity to a new entity (same label). */
  'entities:split': z.object({ id, annotationIds: ids, name: entityName, fields: entityFields.optional() }).strict(),
  /** Deletes the entity; its mentions stay as spans, unlinked. */
  'entities:delete': z.object({ id }).strict(),
  /**
   * Links spans to an entity (null: unlinks them). `role` sets each span's `role` attribute ('' clears it; absent leaves it).
   * One undo step per document (Ctrl+Z), and entities:undoLink takes back the whole call.
   */
  'entities:link': z.object({ annotationIds: ids, entityId: id.nullable(), role: fieldValue.optional() }).strict(),
  /** Links every unlinked span in the corpus with the same text and label as this (linked) span, to its entity. */
  'entities:linkIdentical': z.object({ annotationId: id }).strict(),
  'entities:undoLink': z.object({ batchId: id }).strict(),
  'entities:redoLink': z.object({ batchId: id }).strict(),
  /** Entities a span could be linked to: name or alias equal to its text, or to its text without a title prefix. */
  'entities:propose': z.object({ annotationId: id }).strict(),

  'relations:forDocument': z.object({ documentId: id }).strict(),
  /** A typed, directed relation between two spans of one document; the type (by key or id) must allow their labels. One undo step. */
  'relations:create': z
    .object({ documentId: id, typeId: id.optional(), typeKey: relationTypeKey.optional(), fromId: id, toId: id })
    .strict()
    .refine((input) => (input.typeId === undefined) !== (input.typeKey === undefined), 'give the relation type as typeId or typeKey (one of them)'),
  'relations:delete': z.object({ id }).strict(),
  'relations:review': z.object({ id, reviewState: z.enum(REVIEW_STATES) }).strict(),
  'relationTypes:list': z.object({}).strict(),
  'relationTypes:create': relationTypeInput,
  'relationTypes:update': z.object({ id, changes: relationTypeInput.partial() }).strict(),
  /** Refused ('conflict') while relations of the type exist. */
  'relationTypes:delete': z.object({ id }).strict(),
};

type In<K extends keyof typeof entitiesInputs> = z.input<(typeof entitiesInputs)[K]>;

export interface Entity {
  id: number;
  labelId: number;
  name: string;
  /** Other names it goes by, sorted; grown from the texts of linked mentions. */
  aliases: string[];
  fields: EntityFields;
  note: string;
  createdAt: string;
  updatedAt: string;
}

/** A row of the entity panel. */
export interface EntitySummary extends Entity {
  mentions: number;
  documents: number;
  /** The earliest and latest date of a document mentioning it (null: none dated). */
  firstDate: string | null;
  lastDate: string | null;
}

export interface EntityPage {
  total: number;
  entities: EntitySummary[];
}

export interface EntityMention {
  annotationId: number;
  documentId: number;
  title: string;
  date: string | null;
  start: number;
  end: number;
  text: string;
  /** The span's `role` attribute (the title kept from 市委书记蔡奇), '' when none. */
  role: string;
  annotator: string;
}

export interface EntityDetail extends EntitySummary {
  /** Mentions in date order (undated last), then document and place; a page of them. */
  mentionList: EntityMention[];
}

/** A merge refused for conflicting fields: ApiFailure('conflict').details. */
export interface EntityMergeConflict {
  conflicts: { field: EntityField; values: { entityId: number; value: string }[] }[];
}

export interface EntityProposal {
  entity: EntitySummary;
  /** The name or alias that matched. */
  matched: string;
  /** The title prefix stripped from the mention to match (市委书记), kept as the role on linking; null: matched as it is. */
  role: string | null;
}

export interface EntityProposals {
  /** The mention's text. */
  text: string;
  /** The text without a title prefix, and that prefix: the name and role a new entity would get. */
  name: string;
  role: string | null;
  candidates: EntityProposal[];
}

/** What a link call changed. */
export interface LinkResult {
  /** Spans whose link or role changed. */
  linked: number;
  /** entities:undoLink / entities:redoLink take the whole call back and forth; null when nothing changed. */
  batchId: number | null;
  /** The changed spans as they are now (for an open document's editor). */
  upserted: Annotation[];
  documentIds: number[];
}

export interface EntityCreated {
  entity: EntitySummary;
  link: LinkResult | null;
}

export interface RelationType {
  id: number;
  key: string;
  name: string;
  fromLabelKey: string;
  toLabelKey: string;
  /** How many relations of this type exist. */
  relations: number;
}

export interface Relation {
  id: number;
  documentId: number;
  typeId: number;
  typeKey: string;
  fromId: number;
  toId: number;
  annotator: string;
  reviewState: ReviewState;
  createdAt: string;
}

export interface RelationCreated extends Relation {
  history: HistoryState;
}

export type EntitiesApi = {
  'entities:list': (a: In<'entities:list'>) => Promise<EntityPage>;
  'entities:get': (a: In<'entities:get'>) => Promise<EntityDetail>;
  'entities:create': (a: In<'entities:create'>) => Promise<EntityCreated>;
  'entities:update': (a: In<'entities:update'>) => Promise<EntitySummary>;
  'entities:merge': (a: In<'entities:merge'>) => Promise<EntitySummary>;
  'entities:split': (a: In<'entities:split'>) => Promise<{ from: EntitySummary; created: EntitySummary }>;
  'entities:delete': (a: In<'entities:delete'>) => Promise<{ id: number; unlinked: number }>;
  'entities:link': (a: In<'entities:link'>) => Promise<LinkResult>;
  'entities:linkIdentical': (a: In<'entities:linkIdentical'>) => Promise<LinkResult>;
  'entities:undoLink': (a: In<'entities:undoLink'>) => Promise<LinkResult>;
  'entities:redoLink': (a: In<'entities:redoLink'>) => Promise<LinkResult>;
  'entities:propose': (a: In<'entities:propose'>) => Promise<EntityProposals>;
  'relations:forDocument': (a: In<'relations:forDocument'>) => Promise<Relation[]>;
  'relations:create': (a: In<'relations:create'>) => Promise<RelationCreated>;
  'relations:delete': (a: In<'relations:delete'>) => Promise<{ id: number; history: HistoryState }>;
  'relations:review': (a: In<'relations:review'>) => Promise<Relation>;
  'relationTypes:list': (a: In<'relationTypes:list'>) => Promise<RelationType[]>;
  'relationTypes:create': (a: In<'relationTypes:create'>) => Promise<RelationType>;
  'relationTypes:update': (a: In<'relationTypes:update'>) => Promise<RelationType>;
  'relationTypes:delete': (a: In<'relationTypes:delete'>) => Promise<{ id: number }>;
};
