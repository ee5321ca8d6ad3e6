// The document list's filter chips and district picker (#24: a dashboard drill lands on the list with its filters shown).
export const enDocFilters = {
  'docs.district': 'District',
  'docs.chips': 'Active filters',
  'docs.chips.remove': 'Remove filter {name}',
  'docs.chips.clearAll': 'Clear all',
  'docs.chip.title': 'Title',
  'docs.chip.labels': 'Labels',
  'docs.chip.spanReview': 'Span review',
  'docs.chip.mention': 'Mention',
  'docs.chip.entity': 'Entity',
  'docs.chip.unlinked': 'not linked to an entity',
  /** A mention with what narrows it (its label, unlinked). */
  'docs.chip.withNotes': '{what} ({notes})',
  'docs.chip.noteSeparator': ', ',
  'docs.chip.yes': 'yes',
  'docs.chip.no': 'no',
} as const;
