import { z } from 'zod';
import type { DocumentStatus } from '../model';

export const layersInputs = {
  'layers:coderCounts': z
    .object({
      /** The documents the list shows (one page). */
      documentIds: z.array(z.number().int().positive()).min(1).max(1000),
    })
    .strict(),
};

type In<K extends keyof typeof layersInputs> = z.input<(typeof layersInputs)[K]>;

export interface CoderCount {
  documentId: number;
  annotator: string;
  count: number;
  /** What the coder's own file said of the document, as of the last merge; null for spans that came otherwise. */
  status: DocumentStatus | null;
}

export type LayersApi = {
  /** Spans and status per coder in each of these documents (a document carries one status, so the list shows these), by document then name. */
  'layers:coderCounts': (a: In<'layers:coderCounts'>) => Promise<CoderCount[]>;
};
