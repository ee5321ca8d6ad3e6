// The document list's sort keys and review-progress filter values, apart from the zod schemas in
// documents.ts so the renderer's first chunk can use them without loading zod.
export const DOCUMENT_SORT_KEYS = ['id', 'title', 'date', 'source', 'status', 'spans', 'chars'] as const;

/**
 * all_reviewed: every span accepted or rejected; some_pending: at least one span still pending;
 * none_reviewed: every span still pending.
 */
export const REVIEW_PROGRESS = ['all_reviewed', 'some_pending', 'none_reviewed'] as const;
export type ReviewProgress = (typeof REVIEW_PROGRESS)[number];
