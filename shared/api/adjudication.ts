import { z } from 'zod';

/** The reserved coder name of the gold layer: adjudicated spans are stored as this coder's. */
export const GOLD_ANNOTATOR = 'gold';

const coderName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((name) => name !== GOLD_ANNOTATOR, `'${GOLD_ANNOTATOR}' is the gold layer, not a coder to adjudicate`);
const coders = z
  .array(coderName)
  .min(2, 'adjudication needs at least two coders')
  .max(9, 'at most 9 coders at once (keys 1 to 9)')
  .refine((names) => new Set(names).size === names.length, 'a coder is named twice');
const id = z.number().int().positive();
const offset = z.number().int().min(0);

export const adjudicationChoice = z.discriminatedUnion('kind', [
  /** Take this coder's span(s) in the unit. */
  z.object({ kind: z.literal('coder'), coder: coderName }).strict(),
  /** Take every coder's spans in the unit (each place and label once). */
  z.object({ kind: z.literal('all') }).strict(),
  /** Take nothing: the unit has no gold span. */
  z.object({ kind: z.literal('none') }).strict(),
  /** Spans written by the adjudicator, each inside the unit. */
  z
    .object({
      kind: z.literal('edit'),
      spans: z.array(z.object({ start: offset, end: offset, labelId: id }).strict()).max(100),
    })
    .strict(),
]);
export type AdjudicationChoice = z.infer<typeof adjudicationChoice>;

export const adjudicationInputs = {
  'adjudication:disagreements': z
    .object({
      documentId: id,
      coders,
      /** First put the spans every coder has into the gold layer, in the same transaction (what opening the view does): one round trip, one reading of the spans. */
      acceptAgreed: z.boolean().optional(),
    })
    .strict(),
  'adjudication:decide': z.object({ documentId: id, coders, start: offset, end: offset, choice: adjudicationChoice }).strict(),
  'adjudication:acceptAgreed': z.object({ documentId: id, coders }).strict(),
  'adjudication:progress': z
    .object({
      coders,
      /** Default: every document where each of the coders has a span. */
      documentIds: z.array(id).min(1).max(100_000).optional(),
    })
    .strict(),
};

type In<K extends keyof typeof adjudicationInputs> = z.input<(typeof adjudicationInputs)[K]>;

export interface AdjudicationSpan {
  start: number;
  end: number;
  labelId: number;
  text: string;
}

export interface GoldSpan extends AdjudicationSpan {
  id: number;
  /** Whose span was taken: coder names joined by ',', or 'edited'. */
  adjudicatedFrom: string | null;
}

export interface DisagreementUnit {
  start: number;
  end: number;
  text: string;
  /** One entry per coder in the order asked: that coder's spans here that not every coder has. */
  coders: { coder: string; spans: AdjudicationSpan[] }[];
  /** Set once decided: the choice's kind ('coder:NAME', 'all', 'none', 'edit') and the gold spans in the unit. */
  decision: { choice: string; decidedAt: string } | null;
  gold: GoldSpan[];
}

/** Where one end of a coder's relation stands: its span taken into gold from that coder, in a unit not decided yet, or decided without it. */
export type RelationEndState = 'adopted' | 'undecided' | 'not_adopted';

/**
 * A coder's relation the gold layer does not have (#23): an end not adopted yet (its unit is
 * undecided), an end not adopted by the decision, or both ends adopted but the gold relation deleted
 * since. Gold has "the same relation" when a gold relation of its type joins gold spans at both of
 * its ends' places and labels (whichever coder they were taken from).
 */
export interface LeftOutRelation {
  coder: string;
  relationId: number;
  typeKey: string;
  from: AdjudicationSpan & { state: RelationEndState };
  to: AdjudicationSpan & { state: RelationEndState };
  reason: 'end_undecided' | 'end_not_adopted' | 'not_in_gold';
}

export interface DocumentAdjudication {
  documentId: number;
  units: DisagreementUnit[];
  /** Spans every coder has, and how many of them are in the gold layer already. */
  agreed: number;
  agreedInGold: number;
  progress: { decided: number; total: number };
  /**
   * Relations: a coder's relation comes into gold when both of its spans are taken from that coder
   * (re-pointed to the gold spans; the same relation of several coders once). `inGold` counts the
   * document's gold relations; `leftOut` lists the coders' relations gold lacks, with the reason.
   */
  relations: { inGold: number; leftOut: LeftOutRelation[] };
}

export interface AdjudicationProgress {
  documents: { documentId: number; title: string; decided: number; total: number }[];
  decided: number;
  total: number;
  /** Documents whose units are all decided (a document without disagreement counts). */
  documentsDone: number;
}

export type AdjudicationApi = {
  /** The document's disagreement units between these coders, in text order, with any gold decided. */
  'adjudication:disagreements': (a: In<'adjudication:disagreements'>) => Promise<DocumentAdjudication>;
  /** Decides one unit: replaces the gold spans inside it (and their gold relations) with the choice and the chosen coders' relations that can come, in one transaction. */
  'adjudication:decide': (a: In<'adjudication:decide'>) => Promise<DocumentAdjudication>;
  /** Puts the spans every coder has into the gold layer (those not there yet); answers how many were added. */
  'adjudication:acceptAgreed': (a: In<'adjudication:acceptAgreed'>) => Promise<{ added: number }>;
  'adjudication:progress': (a: In<'adjudication:progress'>) => Promise<AdjudicationProgress>;
};
