// The document list's filter (label keys and coder names) as the ids the filter SQL takes.
import type { HandlerInput } from '../app/registry';
import type { Db } from '../db/connection';
import { annotatorIdByName, type DocumentFilter } from '../db/document-filters';
import { getLabelByKey } from '../db/labels';

type Filter = NonNullable<HandlerInput<'coders:handout'>['documents']['filter']>;

/** A key or name the project does not know matches no span (as in the document list). */
export function resolveDocumentFilter(db: Db, filter: Filter | undefined): DocumentFilter {
  if (!filter) return {};
  const { withLabel, withoutLabel, annotator, ...rest } = filter;
  const labelId = (key: string | undefined) => (key === undefined ? undefined : (getLabelByKey(db, key)?.id ?? null));
  return {
    ...rest,
    withLabelId: labelId(withLabel),
    withoutLabelId: labelId(withoutLabel),
    annotatorId: annotator === undefined ? undefined : annotatorIdByName(db, annotator),
  };
}
