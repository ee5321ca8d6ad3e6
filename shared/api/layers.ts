import { z } from 'zod';

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
}

export type LayersApi = {
  /** Spans per coder in each of these documents (documents carry one status, so the list shows these), by document then name. */
  'layers:coderCounts': (a: In<'layers:coderCounts'>) => Promise<CoderCount[]>;
};
