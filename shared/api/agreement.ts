import { z } from 'zod';
import type { AgreementResult } from '../agreement/types';
import { documentFilter } from './documents';

const name = z.string().trim().min(1).max(100);

export const agreementInputs = {
  'agreement:compute': z
    .object({
      /** Coder names; default: every coder with spans in the project. */
      annotators: z.array(name).min(2, 'agreement needs at least two coders').max(12, 'at most 12 coders at once').optional(),
      /** Label keys; default: every label. Spans of other labels are left out (their characters count as no label). */
      labels: z.array(name).min(1).max(500).optional(),
      /** Which documents: by id and/or the document list's filter; only those every coder has spans in are compared. */
      documents: z
        .object({
          ids: z.array(z.number().int().positive()).min(1).max(1_000_000).optional(),
          filter: documentFilter.optional(),
        })
        .strict()
        .default({}),
      /** How many documents the disagreement list keeps (worst first), and segments listed per document. */
      disagreementDocuments: z.number().int().min(0).max(10_000).default(100),
      segmentsPerDocument: z.number().int().min(0).max(1_000).default(50),
      /** Whether figures per document are returned (a large corpus makes a long list). */
      perDocument: z.boolean().default(true),
    })
    .strict(),
};

type In<K extends keyof typeof agreementInputs> = z.input<(typeof agreementInputs)[K]>;

export interface AgreementReport extends AgreementResult {
  /** Documents that matched the filter but were not compared: a chosen coder has no span in them. */
  notShared: number;
  /** Milliseconds spent reading and computing. */
  millis: { read: number; compute: number };
}

export type AgreementApi = {
  /** Inter-coder agreement over the documents the chosen coders share (docs/agreement.md). */
  'agreement:compute': (a: In<'agreement:compute'>) => Promise<AgreementReport>;
};
