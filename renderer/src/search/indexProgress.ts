// The words of the search panel's index line (#21), apart from React so they can be tested alone.

export interface IndexStatus {
  pending: number;
  documents: number;
}

export type IndexProgressKey = 'search.indexBuilding' | 'search.indexReadOnly';

/**
 * The message and its values for a status, numbers grouped the language's way (12,345); null once
 * nothing is pending. `n` picks the plural form of "documents" by the total.
 */
export function indexProgressMessage(
  { pending, documents }: IndexStatus,
  locale: string,
  readOnly: boolean,
): { key: IndexProgressKey; vars: { done: string; total: string; n: number } } | null {
  if (pending <= 0) return null;
  const total = Math.max(documents, pending);
  const number = new Intl.NumberFormat(locale);
  return {
    key: readOnly ? 'search.indexReadOnly' : 'search.indexBuilding',
    vars: { done: number.format(total - pending), total: number.format(total), n: total },
  };
}
