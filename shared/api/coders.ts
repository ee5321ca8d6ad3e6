// Coders: hand documents out to coders as project files of their own, and merge their work back
// (docs/team.md). A merge is previewed first: the preview says which documents match and how the
// coder files' labels map onto the project's, and the commit takes the mapping the user confirmed.
import { z } from 'zod';
import { documentFilter } from './documents';

const coderName = z.string().trim().min(1, 'a coder name is empty').max(100);
const path = z.string().trim().min(1).max(4096);

export const codersInputs = {
  'coders:handout': z
    .object({
      /** One file per coder; names must differ. */
      annotators: z
        .array(coderName)
        .min(1, 'name at least one coder')
        .max(50, 'at most 50 coders at once')
        .refine((names) => new Set(names).size === names.length, 'a coder is named twice'),
      /** Which documents: by id and/or the document list's filter (default: all). */
      documents: z
        .object({
          ids: z.array(z.number().int().positive()).min(1).max(1_000_000).optional(),
          filter: documentFilter.optional(),
        })
        .strict()
        .default({}),
      /** A seeded random sample of that many of the chosen documents. */
      sample: z.number().int().positive().max(10_000_000).optional(),
      /** Seeds the sample and the split between coders: the same seed hands out the same documents. */
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(0),
      /** The share of the chosen documents every coder gets (for agreement); the rest is split between them. */
      overlap: z.number().min(0).max(1).default(0),
      /**
       * The file to write (one coder), or for several coders the name each coder's file is made from:
       * `{annotator}` in it is replaced by the coder's name, otherwise `-NAME` goes before the extension.
       * A relative path is taken from the project file's folder.
       */
      outPath: path,
      /** Replace existing files (default: refuse). */
      overwrite: z.boolean().default(false),
    })
    .strict(),
  'coders:mergePreview': z
    .object({
      paths: z.array(path).min(1, 'name at least one coder file').max(100),
    })
    .strict(),
  'coders:merge': z
    .object({
      paths: z.array(path).min(1, 'name at least one coder file').max(100),
      /** A coder file's label key → the project's label key its spans go to. */
      labelMap: z.record(z.string().min(1).max(100), z.string().min(1).max(100)).default({}),
      /** Labels only the coder files have (and not mapped) are created in the project. */
      acceptNewLabels: z.boolean().default(false),
      /** Documents the project does not have are added (default: reported and left out). */
      addMissing: z.boolean().default(false),
      /** Merge files that were not handed out from this project, or share no document with it. */
      force: z.boolean().default(false),
    })
    .strict(),
};

type In<K extends keyof typeof codersInputs> = z.input<(typeof codersInputs)[K]>;

export interface HandoutReport {
  /** The project's id, recorded in every coder file as its origin. */
  originId: string;
  /** Documents chosen, and how many of them every coder got. */
  chosen: number;
  shared: number;
  files: { annotator: string; path: string; documents: number }[];
}

/** How one label of the coder files maps onto the project's labels. */
export interface LabelMapping {
  coderKey: string;
  /**
   * same: the project has the key. renamed: the project's label it was handed out as now has
   * another key on one side (suggested: that key). new: the project has no such label.
   */
  kind: 'same' | 'renamed' | 'new';
  /** The project's label the spans go to: the same key, the suggestion for a renamed label, or null. */
  suggested: string | null;
  /** Spans of this label in the coder files, and which files. */
  spans: number;
  files: string[];
}

export interface CoderFilePreview {
  path: string;
  /** The coder the file was handed out to (or its spans' coders, for a file that was not handed out). */
  coder: string;
  /** Whether the file was handed out from this project (its recorded origin is this project's id). */
  fromThisProject: boolean;
  documents: number;
  documentsMatched: number;
  /** Documents of the coder file the project does not have (title and content hash). */
  documentsMissing: { title: string; textSha256: string }[];
  spans: number;
}

export interface MergePreview {
  coders: CoderFilePreview[];
  /** Every label used by a coder span; 'same' ones need nothing, the others need a mapping or acceptNewLabels. */
  labels: LabelMapping[];
  /** Project labels no coder file has (removed or renamed there); nothing of the project is touched. */
  labelsOnlyInProject: string[];
  /** Why the merge would be refused as it stands (files from another project, …); empty when it can go ahead. */
  problems: string[];
}

export interface CoderMergeReport {
  path: string;
  coder: string;
  documentsMatched: number;
  documentsMissing: number;
  documentsAdded: number;
  spansAdded: number;
  /** Spans the project already had (same document, place, label and coder): skipped, the project's copy kept. */
  spansAlreadyPresent: number;
  /** Spans whose offsets do not fit their document (a damaged or hand-edited file): left out. */
  spansInvalid: number;
  /** Documents whose status moved forward to the coder's (todo → in progress → done → reviewed). */
  statusesAdvanced: number;
  /** The coder's entity links and relations (#23); absent from reports of before. */
  entities?: CoderEntityMerge;
}

/** What a merge did with a coder file's entity links and relations (#23). */
export interface CoderEntityMerge {
  /** Coder entities the project had under no name or alias of that label: added. */
  entitiesCreated: number;
  /** Merged spans linked as the coder linked them. */
  linksAdded: number;
  /** Spans the project had linked to another entity: the project's link kept. */
  linksKept: number;
  relationsAdded: number;
  relationsAlreadyPresent: number;
  /** Relations left out: a span of theirs was not merged, or the project's type of that key allows other labels. */
  relationsSkipped: number;
  /** Relation types the project lacked, added from the coder file's definition (by key). */
  relationTypesAdded: string[];
}

export interface MergeReport {
  coders: CoderMergeReport[];
  labelsCreated: string[];
}

export type CodersApi = {
  /** Writes one project file per coder with the chosen documents and the schema; the project is not changed. */
  'coders:handout': (a: In<'coders:handout'>) => Promise<HandoutReport>;
  /** What merging these coder files would do; writes nothing. */
  'coders:mergePreview': (a: In<'coders:mergePreview'>) => Promise<MergePreview>;
  /** Merges the coder files into the open project in one transaction. */
  'coders:merge': (a: In<'coders:merge'>) => Promise<MergeReport>;
};
